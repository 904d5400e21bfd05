//! Templates over HTTP: the console's "Save as template" (`GET /f/{secret}/template.json`),
//! the same file from the research area (`GET /api/research/workshops/{id}/template.json`,
//! admin key), and every workshop of this server as a template for "Start from an earlier
//! workshop" on `/new` (`GET /api/research/templates`, admin key). The file's format is
//! [`app::api::template`].
//!
//! A template is saved with the ids its workshop has, and a workshop that has none is given
//! them first ([`crate::store::Store::assign_template_ids`]): so the workshop a template was
//! saved from is "of" that template like every workshop later made from it, and comparisons
//! match them all. These `GET`s therefore may write, once: asking again gives the same ids.

use app::api::template::{TEMPLATE_FORMAT, TEMPLATE_VERSION};
use app::api::{EarlierWorkshop, NewSecondLanguage, TemplateAspect, WorkshopTemplate};
use app::domain::Card;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use uuid::Uuid;

use super::admin::Admin;
use super::audit::Seen;
use super::reply::{ApiFailure, ApiPath, attachment, failed, no_console, no_workshop};
use super::state::{AppState, workshop_by_console};
use crate::research::tables::workshop_date;
use crate::store::{AuditActor, StoreError, WorkshopSnapshot};

/// Most workshops "Start from an earlier workshop" offers (the newest): every one is replayed
/// to read its aspects as they are now.
pub const MAX_EARLIER: usize = 100;

/// The template of a workshop: its title, question and poles; the aspects it was created with
/// that are still on the board (not hidden, not merged away), with their words and order as
/// they are now and their template aspect ids; and its settings now. Aspects pairs or the
/// facilitator added during the session are not part of it. `None` until the workshop has a
/// template id.
pub fn template_of(snapshot: &WorkshopSnapshot) -> Option<WorkshopTemplate> {
    let w = &snapshot.workshop;
    let ids = snapshot.template_aspect_ids();
    let kept: Vec<&Card> = snapshot.cards.iter().filter(|card| ids.contains_key(&card.id)).collect();
    let aspects =
        kept.iter().map(|card| TemplateAspect { aspect_id: ids[&card.id], text: card.text.clone() }).collect();
    // The second language, its aspects' texts in the order of the template's aspects.
    let second_language = snapshot.view.second_language.as_ref().map(|s| NewSecondLanguage {
        language: s.language.clone(),
        question: s.question.clone(),
        left_pole: s.left_pole.clone(),
        right_pole: s.right_pole.clone(),
        aspects: kept.iter().map(|card| s.aspects.get(&card.id).cloned().unwrap_or_default()).collect(),
    });
    Some(WorkshopTemplate {
        format: TEMPLATE_FORMAT.into(),
        version: TEMPLATE_VERSION,
        template_id: w.template_id?,
        title: w.title.clone(),
        question: w.question.clone(),
        left_pole: w.left_pole.clone(),
        right_pole: w.right_pole.clone(),
        aspects,
        settings: snapshot.view.settings,
        second_language,
    })
}

/// The download's name: `template-<title>.json`, the title as a lower-case ASCII slug (a
/// header value must be ASCII), `template-workshop.json` when nothing of it is left.
pub fn file_name(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.chars().take(40).collect();
    match slug.trim_end_matches('-') {
        "" => "template-workshop.json".to_string(),
        slug => format!("template-{slug}.json"),
    }
}

/// Gives workshop `id` its template ids if it lacks them and reads its template; `None` if
/// there is no such workshop.
async fn saved_template(state: &AppState, id: Uuid) -> Result<Option<WorkshopTemplate>, ApiFailure> {
    state
        .store
        .run(move |store| -> Result<_, StoreError> {
            if store.assign_template_ids(vec![id])? == 0 {
                return Ok(None);
            }
            Ok(store.export_snapshot(id)?.as_ref().and_then(template_of))
        })
        .await
        .map_err(|e| failed(&e))
}

fn download(template: &WorkshopTemplate) -> Response {
    attachment("application/json", &file_name(&template.title), template.to_bytes())
}

/// `GET /f/{secret}/template.json`: the console's "Save as template".
pub async fn facilitator_template(
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
) -> Result<Response, ApiFailure> {
    let workshop = workshop_by_console(&state, &secret).await?;
    let template = saved_template(&state, workshop.id).await?.ok_or_else(no_console)?;
    let detail = format!("template.json (template {})", template.template_id);
    seen.record(&state, AuditActor::Facilitator, "download", Some(workshop.id), detail).await?;
    tracing::info!(workshop = %workshop.id, template = %template.template_id, "saved as a template");
    Ok(download(&template))
}

/// `GET /api/research/workshops/{id}/template.json` (admin key): the same file.
pub async fn admin_template(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiFailure> {
    let template = saved_template(&state, id).await?.ok_or_else(no_workshop)?;
    let detail = format!("template.json (template {})", template.template_id);
    seen.record(&state, AuditActor::Researcher, "download", Some(id), detail).await?;
    Ok(download(&template))
}

/// `GET /api/research/templates` (admin key): the [`MAX_EARLIER`] newest workshops, each
/// with its template (after giving every one of them its template ids).
pub async fn admin_templates(
    _: Admin,
    State(state): State<AppState>,
) -> Result<Json<Vec<EarlierWorkshop>>, ApiFailure> {
    let earlier = state
        .store
        .run(|store| -> Result<_, StoreError> {
            let listed: Vec<_> = store.list_workshops()?.into_iter().take(MAX_EARLIER).collect();
            store.assign_template_ids(listed.iter().map(|w| w.id).collect())?;
            let mut earlier = Vec::with_capacity(listed.len());
            for listing in listed {
                // A workshop deleted since the list was read is left out.
                let Some(snapshot) = store.export_snapshot(listing.id)? else { continue };
                if let Some(template) = template_of(&snapshot) {
                    let (site, date) = (listing.site, workshop_date(listing.created_at));
                    earlier.push(EarlierWorkshop { workshop_id: listing.id, site, date, template });
                }
            }
            Ok(earlier)
        })
        .await
        .map_err(|e| failed(&e))?;
    Ok(Json(earlier))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_ascii_slugs_of_the_title() {
        assert_eq!(file_name("Knowledge exchange meeting"), "template-knowledge-exchange-meeting.json");
        assert_eq!(file_name("  Cyfarfod \"Caerdydd\" — ŵ 2026!"), "template-cyfarfod-caerdydd-2026.json");
        assert_eq!(file_name("ŵŷ"), "template-workshop.json");
        assert_eq!(file_name(&"a b ".repeat(30)), format!("template-{}.json", "a-b-".repeat(10).trim_end_matches('-')));
    }
}
