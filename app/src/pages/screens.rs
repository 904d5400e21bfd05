//! The screens loaded on demand, one WebAssembly chunk each (routed in [`crate::App`]).

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::pages;

/// Declares a lazy route that shows one page component.
macro_rules! lazy_screen {
    ($(#[$doc:meta])* $name:ident => $page:path) => {
        $(#[$doc])*
        pub struct $name;

        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

lazy_screen!(/// `/pair/{code}`: a pair's board.
    Pair => pages::pair::PairPage);
lazy_screen!(/// `/`: what the app is, and a way to a new workshop.
    Home => pages::home::HomePage);
lazy_screen!(/// `/new`: the facilitator's new-workshop form.
    NewWorkshop => pages::new_workshop::NewWorkshopPage);
lazy_screen!(/// `/f/{secret}`: the facilitator's console.
    Console => pages::console::ConsolePage);
lazy_screen!(/// `/p/{id}`: the projector.
    Projector => pages::projector::ProjectorPage);
lazy_screen!(/// `/research`: the researchers' list.
    Research => pages::research::ResearchPage);
lazy_screen!(/// `/research/compare`: workshops across sites.
    Compare => pages::compare::ComparePage);
lazy_screen!(/// `/research/replay/{id}`: a workshop's replay.
    Replay => pages::replay::ReplayPage);
