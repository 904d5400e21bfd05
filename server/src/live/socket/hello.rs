//! The first message of every socket: `Hello`, which says who this is. Turns an [`Auth`] into
//! a room and a [`Viewer`], or a refusal the user can act on.

use std::sync::Arc;

use app::domain::code::normalize_code;
use app::domain::{PairSummary, Viewer};
use app::protocol::{Auth, ErrorCode, ServerMsg};

use crate::live::feed::WITHDRAWN;
use crate::live::hub::Hub;
use crate::live::room::Room;
use crate::secret::hash_secret;
use crate::store::StoreError;

/// Who a socket turned out to be.
pub struct Identity {
    /// The workshop's live room.
    pub room: Arc<Room>,
    /// What this socket may see.
    pub viewer: Viewer,
    /// The pair, for a pair's tablet: the only role that may change anything.
    pub pair: Option<PairSummary>,
}

fn refused(code: ErrorCode, message: impl Into<String>) -> ServerMsg {
    ServerMsg::refused(None, code, message)
}

fn storage(e: StoreError) -> ServerMsg {
    tracing::error!(error = %e, "storage failure during hello");
    refused(ErrorCode::Storage, "The server could not open the workshop; please try again.")
}

/// Checks the credentials of a `Hello`. The error is the refusal to send before closing.
pub async fn authenticate(hub: &Hub, auth: Auth) -> Result<Identity, ServerMsg> {
    match auth {
        Auth::Facilitator { secret } => {
            let workshop = hub.workshop_by_secret(&secret).await.map_err(storage)?.ok_or_else(|| {
                refused(
                    ErrorCode::Forbidden,
                    "This console link is not valid. Use the exact link you were given when \
                     you created the workshop.",
                )
            })?;
            let room = open_room(hub, workshop.id).await?;
            Ok(Identity { room, viewer: Viewer::Facilitator, pair: None })
        }
        Auth::Pair { code, token } => {
            let shown: String = code.chars().take(20).collect();
            let code = normalize_code(&code).ok_or_else(|| {
                refused(
                    ErrorCode::UnknownWorkshop,
                    format!("\"{shown}\" is not a join code. Check the code on the projector."),
                )
            })?;
            let workshop = hub.workshop_by_code(code.clone()).await.map_err(storage)?.ok_or_else(|| {
                refused(
                    ErrorCode::UnknownWorkshop,
                    format!("No workshop has the code {code}. Check the code on the projector."),
                )
            })?;
            let room = open_room(hub, workshop.id).await?;
            let Some(pair) = room.pair_by_token(&token).await else {
                let hash = hash_secret(&token);
                let withdrawn =
                    hub.store().run(move |s| s.is_withdrawn_token(workshop.id, &hash)).await.map_err(storage)?;
                if withdrawn {
                    return Err(refused(ErrorCode::Forbidden, WITHDRAWN));
                }
                return Err(refused(
                    ErrorCode::Forbidden,
                    format!("This tablet is not signed in to workshop {code}. Join again with the code."),
                ));
            };
            let viewer = Viewer::Pair { pair_id: pair.id, label: pair.label.clone() };
            Ok(Identity { room, viewer, pair: Some(pair) })
        }
        Auth::Projector { workshop_id } => {
            let room = open_room(hub, workshop_id).await?;
            Ok(Identity { room, viewer: Viewer::Projector, pair: None })
        }
    }
}

async fn open_room(hub: &Hub, workshop_id: uuid::Uuid) -> Result<Arc<Room>, ServerMsg> {
    hub.room(workshop_id).await.map_err(storage)?.ok_or_else(|| {
        refused(ErrorCode::UnknownWorkshop, "This workshop does not exist (it may have been deleted). Check the link.")
    })
}
