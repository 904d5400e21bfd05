//! Keeping a tablet's screen on while a pair is placing: an iPad that dims and locks in the
//! middle of a discussion suspends the page's connection, and the pair has to unlock it.

use leptos::prelude::*;

/// Holds a screen wake lock whenever `wanted` is true and the page is visible: released when
/// the page is hidden (the browser does it too) or `wanted` turns false, asked for again when
/// the page is shown while still wanted. Does nothing where the browser has no wake lock.
pub fn keep_screen_awake(wanted: Signal<bool>) {
    #[cfg(feature = "hydrate")]
    {
        use crate::browser::{self, WakeLock};

        let visible = RwSignal::new(!browser::is_hidden());
        let on_visibility = window_event_listener_untyped("visibilitychange", move |_| {
            visible.set(!browser::is_hidden());
        });
        let held = StoredValue::new_local(None::<WakeLock>);
        // Counts the changes of mind, so a request answered after the lock stopped being
        // wanted is released at once rather than kept.
        let asked = StoredValue::new(0u64);
        let release = move || {
            if let Some(lock) = held.try_update_value(Option::take).flatten() {
                lock.release();
            }
        };
        Effect::new(move |_| {
            let want = wanted.get() && visible.get();
            asked.update_value(|n| *n += 1);
            if !want {
                release();
                return;
            }
            if held.with_value(Option::is_some) {
                return;
            }
            let ticket = asked.get_value();
            leptos::task::spawn_local(async move {
                let Some(lock) = browser::request_wake_lock().await else { return };
                if asked.try_get_value() == Some(ticket) && held.try_with_value(Option::is_none) == Some(true) {
                    held.set_value(Some(lock));
                } else {
                    lock.release();
                }
            });
        });
        on_cleanup(move || {
            on_visibility.remove();
            release();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = wanted;
}
