//! The screens loaded on demand (routed in [`crate::App`]), in three WebAssembly groups:
//!
//! - the pair's screens (its board, and its results to take away), so a tablet downloads
//!   nothing else;
//! - the facilitator's screens (home, new workshop, console, projector: one laptop opens them
//!   one after the other);
//! - the researchers' screens (list, comparison, replay, audit).
//!
//! cargo-leptos's splitter makes one chunk for every set of split points that shares code, so
//! with a split point per screen the board needed 42 modules (most of them a few hundred
//! bytes); with three split points it needs at most four.

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::pages;

/// The screens of the pair's group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairScreen {
    Board,
    Results,
}

/// The screens of the facilitator's group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacilitatorScreen {
    Home,
    NewWorkshop,
    Console,
    Projector,
}

/// The screens of the researchers' group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResearchScreen {
    List,
    Compare,
    Replay,
    Audit,
}

#[leptos::lazy]
fn pair_view(screen: PairScreen) -> AnyView {
    #[cfg(feature = "ssr")]
    crate::site::preload_chunks("pair_view_");
    match screen {
        PairScreen::Board => pages::pair::PairPage().into_any(),
        PairScreen::Results => pages::pair_results::PairResultsPage().into_any(),
    }
}

#[leptos::lazy]
fn facilitator_view(screen: FacilitatorScreen) -> AnyView {
    #[cfg(feature = "ssr")]
    crate::site::preload_chunks("facilitator_view_");
    match screen {
        FacilitatorScreen::Home => pages::home::HomePage().into_any(),
        FacilitatorScreen::NewWorkshop => pages::new_workshop::NewWorkshopPage().into_any(),
        FacilitatorScreen::Console => pages::console::ConsolePage().into_any(),
        FacilitatorScreen::Projector => pages::projector::ProjectorPage().into_any(),
    }
}

#[leptos::lazy]
fn research_view(screen: ResearchScreen) -> AnyView {
    #[cfg(feature = "ssr")]
    crate::site::preload_chunks("research_view_");
    match screen {
        ResearchScreen::List => pages::research::ResearchPage().into_any(),
        ResearchScreen::Compare => pages::compare::ComparePage().into_any(),
        ResearchScreen::Replay => pages::replay::ReplayPage().into_any(),
        ResearchScreen::Audit => pages::audit::AuditPage().into_any(),
    }
}

/// Declares the lazy route of one screen of a group. `preload` loads the group's chunks: the
/// router awaits it before hydrating the screen, which must then render at once, as on the server.
macro_rules! grouped_screen {
    ($(#[$doc:meta])* $name:ident => $group:ident($screen:expr), $preload:ident) => {
        $(#[$doc])*
        pub struct $name;

        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            async fn view(_this: Self) -> AnyView {
                $group($screen).await
            }

            async fn preload() {
                #[cfg(target_arch = "wasm32")]
                $preload().await;
            }
        }
    };
}

grouped_screen!(/// `/pair/{code}`: a pair's board.
    Pair => pair_view(PairScreen::Board), __preload_pair_view);
grouped_screen!(/// `/pair/{code}/results`: a pair's own results, to take away.
    PairResults => pair_view(PairScreen::Results), __preload_pair_view);
grouped_screen!(/// `/`: what the app is, and a way to a new workshop.
    Home => facilitator_view(FacilitatorScreen::Home), __preload_facilitator_view);
grouped_screen!(/// `/new`: the facilitator's new-workshop form.
    NewWorkshop => facilitator_view(FacilitatorScreen::NewWorkshop), __preload_facilitator_view);
grouped_screen!(/// `/f/{secret}`: the facilitator's console.
    Console => facilitator_view(FacilitatorScreen::Console), __preload_facilitator_view);
grouped_screen!(/// `/p/{id}`: the projector.
    Projector => facilitator_view(FacilitatorScreen::Projector), __preload_facilitator_view);
grouped_screen!(/// `/research`: the researchers' list.
    Research => research_view(ResearchScreen::List), __preload_research_view);
grouped_screen!(/// `/research/compare`: workshops across sites.
    Compare => research_view(ResearchScreen::Compare), __preload_research_view);
grouped_screen!(/// `/research/replay/{id}`: a workshop's replay.
    Replay => research_view(ResearchScreen::Replay), __preload_research_view);
grouped_screen!(/// `/research/audit`: the audit log.
    Audit => research_view(ResearchScreen::Audit), __preload_research_view);
