//! Geometry and keyboard rules of a pair's board: where a pointer drop lands on the spectrum,
//! how far a key press moves a held post-it, and how post-its that land close together are
//! stacked into lanes so every one stays readable. Pure functions, so the screen's behaviour is
//! tested here rather than by hand on a tablet.

use super::validate::clean_position;

/// Width of a post-it on the spectrum, as a percentage of the spectrum's width (the stylesheet
/// uses the same number, so lanes computed here match what is drawn).
pub const POST_IT_WIDTH_PCT: f64 = 12.0;
/// The narrowest a post-it on the spectrum may be drawn, in CSS pixels: on a phone, 12 % of
/// the line would leave a few letters per row.
pub const POST_IT_MIN_PX: f64 = 84.0;
/// The widest share of the line a post-it may take, so a few still fit side by side.
pub const POST_IT_MAX_PCT: f64 = 30.0;

/// Width of a post-it on a spectrum `spectrum_px` wide, as a percentage of it: 12 % on a
/// tablet or laptop, more on a phone, so its text stays readable ([`POST_IT_MIN_PX`]); the
/// lanes are computed with the same number. Unknown width (not laid out yet): 12 %.
pub fn post_it_width_pct(spectrum_px: f64) -> f64 {
    if !(spectrum_px.is_finite() && spectrum_px > 0.0) {
        return POST_IT_WIDTH_PCT;
    }
    (POST_IT_MIN_PX / spectrum_px * 100.0).clamp(POST_IT_WIDTH_PCT, POST_IT_MAX_PCT)
}

/// Where an unplaced post-it starts when picked up with the keyboard: the middle.
pub const PICK_UP_POSITION: f64 = 50.0;

/// How far one arrow key press moves a held post-it, and with Shift held.
pub const KEY_STEP: f64 = 1.0;
/// See [`KEY_STEP`].
pub const KEY_STEP_LARGE: f64 = 10.0;

/// How far the on-screen "Move left" / "Move right" buttons move a post-it.
pub const NUDGE_STEP: f64 = 5.0;

/// A pointer that moves less than this (CSS pixels) between down and up is a tap, not a drag.
pub const DRAG_THRESHOLD_PX: f64 = 6.0;

/// Whether a pointer that moved by (`dx`, `dy`) CSS pixels since it went down is dragging
/// (rather than tapping, which opens the post-it's sheet). A finger always wobbles a little.
pub fn is_drag(dx: f64, dy: f64) -> bool {
    dx.hypot(dy) > DRAG_THRESHOLD_PX
}

/// Rounds to the stored precision (one decimal) and clamps into 0–100, so every position the
/// screen produces is one the server accepts.
pub fn snap(position: f64) -> f64 {
    let p = if position.is_finite() { position.clamp(0.0, 100.0) } else { PICK_UP_POSITION };
    clean_position(p).unwrap_or(PICK_UP_POSITION)
}

/// The spectrum position under a pointer at `x` (CSS pixels), for a spectrum whose box starts
/// at `left` and is `width` wide: (x − left) / width × 100, clamped and rounded.
/// `None` when the spectrum has no width (not laid out yet).
pub fn position_from_pointer(x: f64, left: f64, width: f64) -> Option<f64> {
    (width > 0.0 && x.is_finite()).then(|| snap((x - left) / width * 100.0))
}

/// `position` moved by `delta`, clamped to the spectrum and rounded.
pub fn nudge(position: f64, delta: f64) -> f64 {
    snap(position + delta)
}

/// What a key press on a post-it means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyAction {
    /// Pick the post-it up (it starts where it is, or at [`PICK_UP_POSITION`]).
    PickUp,
    /// Move the held post-it by this many points.
    Move(f64),
    /// Put the held post-it down where it is now.
    Drop,
    /// Put the held post-it back where it was before it was picked up.
    Cancel,
    /// Take a placed post-it off the spectrum, back into the tray.
    TakeBack,
    /// Open the post-it's sheet (notes, "can't place").
    OpenSheet,
}

/// The keyboard model of an accessible drag and drop: Space picks up, arrows move (Shift: more),
/// Space or Enter drops, Escape cancels, Delete or Backspace takes a placed post-it back; Enter
/// on a post-it that is not held opens its sheet.
/// `key` is the DOM `KeyboardEvent.key`. `None` means the key is not ours (let the browser have it).
pub fn key_action(key: &str, shift: bool, holding: bool, placed: bool) -> Option<KeyAction> {
    let step = if shift { KEY_STEP_LARGE } else { KEY_STEP };
    match (key, holding) {
        (" " | "Spacebar" | "Enter", true) => Some(KeyAction::Drop),
        (" " | "Spacebar", false) => Some(KeyAction::PickUp),
        ("Enter", false) => Some(KeyAction::OpenSheet),
        ("ArrowLeft" | "Left", true) => Some(KeyAction::Move(-step)),
        ("ArrowRight" | "Right", true) => Some(KeyAction::Move(step)),
        ("Escape" | "Esc", true) => Some(KeyAction::Cancel),
        ("Delete" | "Backspace", _) if placed => Some(KeyAction::TakeBack),
        _ => None,
    }
}

/// The smallest distance (in spectrum points) at which two post-its of `width_pct` no longer
/// overlap. A post-it at position p is drawn from p − p·w/100 to p + (100 − p)·w/100 (its pin
/// slides along it, so the ends never leave the spectrum); two post-its at p₁ < p₂ overlap when
/// (p₂ − p₁)(1 − w/100) < w.
pub fn min_gap(width_pct: f64) -> f64 {
    width_pct / (1.0 - width_pct / 100.0)
}

/// Stacks items into lanes so that no two in one lane are closer than `gap`. Returns each
/// item's lane (0 = the lane on the spectrum line), in the order of `positions`. Greedy by
/// position: each item takes the lowest lane it fits in, which is optimal for interval
/// graphs (as few lanes as the largest cluster needs). Ties keep input order, so the layout
/// is stable.
pub fn assign_lanes(positions: &[f64], gap: f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..positions.len()).collect();
    order.sort_by(|&a, &b| positions[a].total_cmp(&positions[b]).then(a.cmp(&b)));
    let mut lane_ends: Vec<f64> = Vec::new();
    let mut lanes = vec![0; positions.len()];
    for i in order {
        let p = positions[i];
        let lane = match lane_ends.iter().position(|&end| p - end >= gap) {
            Some(lane) => lane,
            None => {
                lane_ends.push(f64::NEG_INFINITY);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = p;
        lanes[i] = lane;
    }
    lanes
}

/// A position as people read it: "42.5", or "69" when it is whole.
pub fn format_position(position: f64) -> String {
    format!("{}", snap(position))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_its_widen_on_narrow_spectrums_only() {
        // A laptop's 1,000 px line: 84 px is 8.4 %, so the usual 12 %.
        assert_eq!(post_it_width_pct(1000.0), 12.0);
        // A 390 px phone leaves a 356 px line: 84 / 356 = 23.6 %.
        assert!((post_it_width_pct(356.0) - 23.595_505_6).abs() < 1e-6);
        // Tiny or unknown widths: capped, or the default.
        assert_eq!(post_it_width_pct(100.0), POST_IT_MAX_PCT);
        assert_eq!(post_it_width_pct(0.0), POST_IT_WIDTH_PCT);
        assert_eq!(post_it_width_pct(f64::NAN), POST_IT_WIDTH_PCT);
    }

    #[test]
    fn pointer_positions_are_proportional_clamped_and_rounded() {
        // A spectrum 800 px wide starting at x = 100: x = 300 is a quarter of the way.
        assert_eq!(position_from_pointer(300.0, 100.0, 800.0), Some(25.0));
        // 1/3 of the way: 33.333… rounds to one decimal.
        assert_eq!(position_from_pointer(100.0 + 800.0 / 3.0, 100.0, 800.0), Some(33.3));
        assert_eq!(position_from_pointer(50.0, 100.0, 800.0), Some(0.0));
        assert_eq!(position_from_pointer(2000.0, 100.0, 800.0), Some(100.0));
        assert_eq!(position_from_pointer(300.0, 100.0, 0.0), None);
        assert_eq!(position_from_pointer(f64::NAN, 100.0, 800.0), None);
    }

    #[test]
    fn keyboard_steps_add_up_exactly() {
        // The end-to-end test's sequence: pick up at 50, Shift+Right twice, Left once → 69.
        let mut p = PICK_UP_POSITION;
        for key in [("ArrowRight", true), ("ArrowRight", true), ("ArrowLeft", false)] {
            match key_action(key.0, key.1, true, false) {
                Some(KeyAction::Move(d)) => p = nudge(p, d),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(p, 69.0);
        assert_eq!(format_position(p), "69");
    }

    #[test]
    fn steps_stop_at_the_poles_and_avoid_float_dust() {
        assert_eq!(nudge(95.0, 10.0), 100.0);
        assert_eq!(nudge(3.0, -10.0), 0.0);
        // 0.1 + 0.2 is 0.30000000000000004 in floating point; positions stay at one decimal.
        assert_eq!(nudge(0.1, 0.2), 0.3);
        assert_eq!(format_position(42.25), "42.3");
        assert_eq!(snap(f64::NAN), PICK_UP_POSITION);
    }

    #[test]
    fn keys_map_to_actions() {
        assert_eq!(key_action(" ", false, false, false), Some(KeyAction::PickUp));
        assert_eq!(key_action(" ", false, true, false), Some(KeyAction::Drop));
        assert_eq!(key_action("Enter", false, false, false), Some(KeyAction::OpenSheet));
        assert_eq!(key_action("Enter", false, false, true), Some(KeyAction::OpenSheet));
        assert_eq!(key_action("Enter", false, true, true), Some(KeyAction::Drop));
        assert_eq!(key_action("ArrowLeft", true, true, true), Some(KeyAction::Move(-10.0)));
        assert_eq!(key_action("ArrowRight", false, true, true), Some(KeyAction::Move(1.0)));
        assert_eq!(key_action("Escape", false, true, true), Some(KeyAction::Cancel));
        assert_eq!(key_action("Delete", false, false, true), Some(KeyAction::TakeBack));
        assert_eq!(key_action("Backspace", false, true, true), Some(KeyAction::TakeBack));
        // Not ours: arrows when nothing is held (the page may scroll), Delete on a tray card,
        // Escape with nothing held, Tab.
        assert_eq!(key_action("ArrowLeft", false, false, true), None);
        assert_eq!(key_action("Delete", false, false, false), None);
        assert_eq!(key_action("Escape", false, false, true), None);
        assert_eq!(key_action("Tab", false, false, true), None);
    }

    #[test]
    fn small_movements_are_taps_not_drags() {
        assert!(!is_drag(0.0, 0.0));
        assert!(!is_drag(3.0, -4.0), "5 px of finger wobble is a tap");
        assert!(!is_drag(DRAG_THRESHOLD_PX, 0.0), "exactly the threshold is still a tap");
        assert!(is_drag(5.0, 5.0), "7.07 px is a drag");
        assert!(is_drag(-40.0, 0.0));
    }

    #[test]
    fn min_gap_matches_the_drawn_width() {
        // w = 12: (p₂ − p₁) · 0.88 < 12 ⇔ p₂ − p₁ < 13.6363…
        assert!((min_gap(12.0) - 13.636_363_636).abs() < 1e-6);
        assert_eq!(min_gap(0.0), 0.0);
    }

    #[test]
    fn far_apart_cards_share_the_first_lane() {
        assert_eq!(assign_lanes(&[10.0, 50.0, 90.0], 13.6), vec![0, 0, 0]);
        assert_eq!(assign_lanes(&[], 13.6), Vec::<usize>::new());
    }

    #[test]
    fn close_cards_stack_and_reuse_lanes() {
        // 40 takes lane 0; 45 collides with it (5 < 13.6) → lane 1; 48 collides with both
        // → lane 2; 60 fits back in lane 0 (60 − 40 = 20 ≥ 13.6).
        let lanes = assign_lanes(&[45.0, 40.0, 48.0, 60.0], 13.6);
        assert_eq!(lanes, vec![1, 0, 2, 0]);
        // Same positions: each gets its own lane, in input order.
        assert_eq!(assign_lanes(&[30.0, 30.0, 30.0], 13.6), vec![0, 1, 2]);
        // Exactly the gap apart fits.
        assert_eq!(assign_lanes(&[10.0, 20.0], 10.0), vec![0, 0]);
    }
}
