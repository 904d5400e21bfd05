# English: the reference catalog. Every other catalog has exactly these messages.
# A variable used in a selector ({ $count -> ... }) is a number; see app/build/catalogs.rs.

language-name = English
language-direction = ltr
-number-decimal = .

## Every screen

language-switch = Language
page-not-found = Page not found
home = Home

## The pair's board

changes-not-saved = { $count ->
    [one] { $count } change not yet saved
   *[other] { $count } changes not yet saved
}

## Phases (every screen that names one)

phase-joining = Joining
phase-placing = Placing
phase-reveal = Reveal & discuss
phase-second-round = Second round
phase-closed = Closed
phase-blocked-joining = Placing has not started yet: the facilitator will start it.
phase-blocked-reveal = The facilitator has paused placing while the room discusses.
phase-blocked-closed = The workshop is closed; nothing can be changed.

## Shared controls

cancel = Cancel
loading = Loading…
session-phase = Phase:{" "}
session-time-left = Time left
session-paused = {" "}(paused)
session-time-up = {" "}— time is up

## Join page

join-title = Join a workshop
join-code = Join code
join-pair-name = Pair name
join-pair-name-hint = Any label the room will recognise. No real names needed.
join-pair-name-placeholder = Pair 3
join-button = Join
join-declined-title = You did not agree
join-declined-text = Nothing about you or your pair was stored. You can give the tablet back to the facilitator or close this page.
join-refused-code = That is not a join code. A join code is 6 letters and digits, like ABC234: check the code on the projector.
join-refused-unknown = No workshop has the code { $code }. Check the code on the projector.
join-refused-name = Type a pair name the room will recognise, in letters, digits and spaces (no real names needed).
join-refused-taken = Another pair of this workshop already has this name: choose another one.
join-refused-full = This workshop has as many pairs as it takes. Ask the facilitator.
join-refused-sheet = This workshop asks each person to read an information sheet and agree before joining. Wait until the page has finished loading, then press Join again.
join-refused-other = The pair could not join just now. Wait a moment and press Join again.
join-sheet-changed = The information sheet has changed while you read it. Read it again below; each person agrees before joining.

## Information sheet and consent

consent-version = Version {" "}
consent-people = How many people share this tablet?
consent-person = Person { $number }
consent-all-agreed = Everyone agreed: you can open the board.
consent-not-yet = The board opens when every person has ticked every statement.
consent-agree = We agree — open the board
consent-decline = We do not agree

## The pair's page

pair-not-joined = This device has not joined workshop { $code } yet
pair-join-workshop = Join workshop { $code }
pair-our-reference = Our reference:{" "}
pair-reference-help = To withdraw from the study later, quote this reference to the research team; everything this pair did is then deleted.
pair-our-results = Our results
pair-connecting = Connecting to the workshop…
pair-declined-title = You did not agree
pair-declined-text = Your pair did not agree to the new information sheet, so everything your pair did in this workshop was deleted and nothing more is stored. You can give the tablet back to the facilitator.
pair-sheet-changed = The information sheet has changed. Please read it again; each person agrees before the board opens.
pair-removed = This pair was removed from the workshop by the facilitator. Join again if that was a mistake.
pair-withdrawn = This pair has withdrawn from the study: everything it did in this workshop was deleted. Nothing more from this tablet is saved.
pair-join-again = Join again
pair-console-offline = The console is not connected; nothing was changed. Try again in a moment.
pair-tablet-offline = This tablet is not connected to the workshop; nothing was sent. Try again in a moment.

## Sync status (the pair always knows whether its work is safe)

sync-connecting = Connecting…
sync-saved = Saved
sync-saving = Saving…
sync-offline-saved = Offline — everything is saved
sync-offline = Offline
sync-with-unsaved = { $state } — { $count ->
    [one] { $count } change not yet saved
   *[other] { $count } changes not yet saved
}

## The board

board-closed = The workshop is closed. Thank you!
board-second-round = Second round: move your post-its if the discussion changed your mind.
board-help = Drag a post-it onto the line, or select it and use the buttons under the line. Tap a post-it (or press Enter) to write notes. Keyboard: Space picks up, arrow keys move (Shift: by 10), Space or Enter drops, Escape cancels, Delete takes back. 0 is “{ $left }”, 100 is “{ $right }”.
board-before-code = Your board as last saved. You can move post-its once the page has finished loading.
board-room-on = The room on “{ $text }”: grey dots are the other pairs, the orange bar is the room’s median.
board-select-to-see-room = Select a post-it to see where the other pairs put it.
board-spectrum = Spectrum
board-post-its = Post-its
board-to-place = Post-its to place
board-all-placed = All post-its are on the line. Drag one back here to take it off.
board-cant-place-area = Can't place
board-cant-place = Can't place / it depends
board-select-to-move = Select a post-it to move it with buttons.
board-card-locked = { $text }: locked by the facilitator
board-card-at = { $text }: at { $position } of 100
board-card-cant-place = { $text }: can't place
board-card-not-placed = { $text }: not placed yet
board-place = Place on spectrum
board-move-left = Move left
board-move-right = Move right
board-take-back = Take back
board-add = Add a post-it
board-add-text = Post-it text
board-add-button = Add
board-add-empty = Write something on the post-it first.
board-added = Added { $text } to the post-its to place.
board-stays = { $text } stays at { $position } of 100.
board-placed = Placed { $text } at { $position } of 100.
board-back = { $text } is back with the post-its to place.
board-holding = Holding { $text } at { $position } of 100. Arrow keys move, Space drops, Escape cancels.
board-moved = { $text } at { $position } of 100.
board-put-back-at = { $text } put back at { $position } of 100.
board-put-back = { $text } put back with the post-its to place.
post-it-locked = locked
post-it-notes = notes
post-it-notes-mark = ✎ notes
post-it-mine = written by you
post-it-holding-at = holding at { $position } of 100
post-it-at = at { $position } of 100
post-it-cant-place = can't place
post-it-not-placed = not placed
post-it-holding = Holding at { $position }
post-it-locked-title = Locked
sheet-locked = The facilitator has locked this aspect; it cannot be moved now.
sheet-saved = Sheet of { $text } saved.
sheet-help = If you had freedom over this aspect, what would happen?
sheet-intended = Intended outcome
sheet-unintended = Unintended outcome
sheet-reason = Reason
sheet-save = Save

# Group: console (the facilitator's console, app/src/pages/console/).

## mod.rs

console-dismiss-message = Dismiss message
console-workshop-deleted = Workshop deleted
console-workshop-deleted-body = “{ $title }” and all its data are gone from this server. The pairs' tablets and the projector have been told.
console-set-up-new-workshop = Set up a new workshop
console-connecting = Connecting to the workshop…
console-bookmark-note = Bookmark this page: it is your key to this workshop
console-room-picture = The room's picture
console-join-heading = Pairs join with
console-join-code = Join code
console-join-qr = QR code to join
console-loopback-warning = Tablets cannot open this address: it points at this computer. Restart with --lan (scripts/run.sh --lan) or set DS_PUBLIC_URL.
console-links = Workshop
console-projector-view = Projector view
console-download-placements = Download placements (CSV)
console-download-all = Download all (zip)
console-download-nvivo = Download for NVivo (.qdpx)
console-save-template = Save as template
console-room-report = Room report

## aspects.rs

console-aspects = Aspects
console-order-by = Order aspects by
console-order-set = Set order
console-order-spread = Most disagreement first
console-order-median = Median (fixed → flexible)
console-spotlight-waits = The projector shows the spotlight once positions are revealed (Reveal, or the live wall).
console-new-post-it = New post-it
console-new-post-it-hint = A post-it you write goes onto every pair's tray.
console-add-post-it = Add post-it

## aspect_item.rs

console-a-pair = a pair
console-badge-hidden = {" "}(hidden)
console-badge-by = by { $who }
console-badge-locked = locked
console-badge-spotlighted = Spotlighted
console-badge-split = Split into two camps
console-aspect-counts = { $placed } placed · { $cant } can't place
console-aspect-counts-median = { $placed } placed · { $cant } can't place · median { $median }
console-edit-empty = Post-it text: write something, or Cancel.
console-merge-question = Merge “{ $from }” into “{ $into }”? Placements and notes move to “{ $into }”.
console-stop-spotlight = Stop spotlight
console-spotlight = Spotlight
console-edit = Edit
console-hide = Hide
console-show = Show
console-lock = Lock
console-unlock = Unlock
console-merge-into = Merge into
console-merge = Merge
console-post-it-text = Post-it text
console-save-wording = Save wording
console-confirm-merge = Confirm merge
console-yes-merge = Yes, merge

## deadline.rs

console-deadline-none = No withdrawal deadline: a pair can be withdrawn at any time.
console-deadline-until = Pairs can be withdrawn until the end of { $day } (UTC); after it, withdrawal is refused.
console-status-saved = Saved. { $note }
console-status-unchanged = Unchanged. { $note }
console-withdrawal = Withdrawal
console-deadline-hint = Today or a later day (UTC). Leave it empty and save to allow withdrawal at any time.
console-save-deadline = Save withdrawal deadline

## delete.rs

console-delete-question = Delete “{ $title }” and all its data: every pair, post-it, placement, note and the event log? Download it first if you need it. This cannot be undone.
console-delete-heading = Delete this workshop
console-delete-hint = When the research team has the data, delete the workshop to remove everything the pairs wrote from this server.
console-delete-workshop = Delete workshop…
console-deleting = Deleting…
console-yes-delete = Yes, delete

## pairs.rs

console-consent-asked-again = agreed to version { $agreed }; asked again for version { $current }
console-consent = { $people ->
    [one] consent: version { $version }, { $people } person
   *[other] consent: version { $version }, { $people } people
}
console-no-consent = no consent yet
console-pairs-declined = { $count ->
    [one] { $count } pair declined the information sheet
   *[other] { $count } pairs declined the information sheet
}
console-active-now = active just now
console-active-minutes = active { $minutes } min ago
console-active-hours = active { $hours } h ago
console-withdraw-question = Withdraw { $label } from the study? Its name, placements, notes and post-its are erased from the database and from every export made from now on, as if it had never taken part. This cannot be undone.
console-pairs-heading = Pairs ({ $count })
console-no-pairs = No pair has joined yet.
console-online = online
console-offline = offline
console-pair-progress = { $placed } of { $total } placed
console-pair-reference = Reference{" "}
console-remove-question = Remove { $label } and everything it did?
console-remove-pair = Remove { $label }
console-remove = Remove
console-withdraw-pair = Withdraw { $label } from the study
console-withdraw = Withdraw
console-confirm-withdrawal = Confirm withdrawal
console-yes-withdraw = Yes, withdraw
console-confirm-removal = Confirm removal
console-yes-remove = Yes, remove

## phase.rs

console-start-placing = Start placing
console-reveal = Reveal
console-second-round = Second round
console-help-joining = Pairs are joining and reading their post-its; nothing can be placed yet. Start placing when everyone is in.
console-help-placing-live = Pairs are placing. Live wall: everyone sees placements as they happen.
console-help-placing = Pairs are placing privately; the projector shows progress only. Reveal when most pairs are done.
console-help-reveal = Placing is paused. The projector shows where every pair put every aspect: spotlight an aspect to discuss it.
console-help-second-round = Pairs may move their post-its again, starting from their first positions; the projector shows how each aspect moves.
console-help-closed = The workshop is closed: nothing can change any more. The data stays downloadable.
console-back-joining = Back to Joining
console-back-placing = Back to Placing
console-back-reveal = Back to Reveal & discuss
console-back-second-round = Back to Second round
console-back-closed = Back to Closed
console-close-workshop = Close workshop
console-session = Session
console-close-the-workshop = Close the workshop
console-yes-close = Yes, close
console-close-question = Close the workshop? Pairs can no longer change anything.

## retention.rs

console-retention-none = No delete-after day: the workshop is kept until someone deletes it.
console-retention-day = { $sentence }: the server deletes the workshop and all its data on that day.
console-retention = Retention
console-delete-after = Delete after
console-delete-after-hint = A day after today (UTC). Leave it empty and save to keep the workshop.
console-save-delete-after = Save delete-after day

## settings.rs

console-settings = Settings
console-threshold-hint = The projector shows an aspect's dots only once at least this many pairs placed it.

## sheet.rs

console-sheet-none = No information sheet: pairs go straight to the board after joining.
console-sheet-note = { $count ->
    [one] Pairs agree to version { $version } of “{ $title }” ({ $count } statement) before the board opens.
   *[other] Pairs agree to version { $version } of “{ $title }” ({ $count } statements) before the board opens.
}
console-sheet-saved = Saved: version { $version } is current. Pairs who agreed to an earlier version are asked again when they next open their screen.
console-sheet-unchanged = Unchanged: version { $version } is already the current sheet, word for word.
console-sheet-heading = Information sheet and consent
console-change-sheet = Change the sheet…
console-add-sheet = Add an information sheet…
console-version-hint = Changing the text or a statement needs a new version, e.g. 2 after 1: pairs are then asked to agree again.
console-save-sheet = Save sheet

## timer.rs

console-minutes-invalid = Minutes: a whole number from 1 to { $max }.
console-minutes = Minutes
console-start-timer = Start timer
console-pause-timer = Pause timer
console-add-minute = Add 1 minute
console-clear-timer = Clear timer
console-resume-timer = Resume timer
console-timer = Timer

# Group: domain (sentences the shared code makes: settings, validation, the information sheet, templates, API refusals, opinion groups, the replay).

## Session settings (domain/session.rs)

domain-switch-live-wall = Live wall: everyone sees placements as they happen
domain-switch-share-pair-cards = Pairs' post-its go onto every pair's tray
domain-switch-name-notes = Show pair names with notes on the projector
domain-switch-show-groups = Show opinion groups on the projector
domain-switch-export-references = Pair names in exports: references only (pseudonymised)
domain-switch-pair-results = Pairs can see their results
domain-min-pairs-label = Privacy threshold (pairs)
domain-deadline-label = Withdrawal deadline (optional)
domain-min-pairs-range = Privacy threshold: a whole number of pairs from 1 to { $max }.
domain-deadline-past = The withdrawal deadline { $day } is in the past (today is { $today } UTC). Choose today or a later day, or leave it empty.
domain-deadline-not-a-date = Withdrawal deadline: "{ $typed }" is not a date. Choose a day (YYYY-MM-DD) or leave it empty.

## Validation (domain/validate.rs)

domain-input-empty = { $field } is empty: please write something.
domain-input-too-long = { $field } is too long: { $len } characters, at most { $max }. Please shorten it.
domain-input-control-chars = { $field } contains control characters; please type plain text.
domain-input-position = Position must be a number from 0 to 100.
domain-input-aspect-count = A workshop needs between 1 and { $max } aspects; it has { $count }.
domain-input-duplicate-aspect = The aspect "{ $text }" appears twice; remove one.
domain-field-title = Title
domain-field-site = Site
domain-field-question = Question
domain-field-left-pole = Left pole
domain-field-right-pole = Right pole
domain-field-aspect = Aspect
domain-field-aspects = Aspects
domain-field-post-it-text = Post-it text
domain-field-pair-name = Pair name
domain-field-reason = Reason
domain-field-intended = Intended outcome
domain-field-unintended = Unintended outcome
domain-field-note = Note
domain-field-sheet-title = Sheet title
domain-field-sheet-version = Sheet version
domain-field-sheet-text = Information sheet text
domain-field-statements = Consent statements

## Information sheet (domain/consent.rs, components/sheet_editor.rs)

domain-sheet-no-title = Give the information sheet a title, e.g. "Information sheet for participants".
domain-sheet-no-version = Give the information sheet a version, e.g. 1 or 1.1, as your study numbers it.
domain-sheet-no-text = Write or paste the information sheet's text: pairs read it before they agree.
domain-sheet-text-too-long = The information sheet's text is { $len } characters; at most { $max } fit. Shorten it, or give the essentials here and the full sheet on paper.
domain-sheet-text-control = The information sheet's text contains control characters; paste plain text.
domain-sheet-statement-too-long = Consent statement { $n } is { $len } characters; at most { $max }. Shorten it.
domain-sheet-no-statements = Add at least one consent statement each person agrees to, e.g. "I have read the information sheet."
domain-sheet-too-many-statements = A sheet has at most { $max } consent statements; it has { $count }.
domain-sheet-version-changed = Version { $version } already has different text or statements, and pairs may have agreed to it. Give the changed sheet a new version, e.g. { $next }.
domain-sheet-version-earlier = Version { $version } is an earlier version of this sheet. Give the sheet a version not used before, e.g. { $next }.
domain-sheet-default-title = Information sheet for participants
domain-sheet-default-read = I have read the information sheet and had the chance to ask questions.
domain-sheet-default-withdraw = I understand that I can withdraw my pair's contributions until the date on the sheet.
domain-sheet-default-agree = I agree to take part in this workshop.

## Template files (api/template.rs)

domain-template-too-large = This file is too large to be a template ({ $kib } KiB; a template is a few KiB). Choose a file saved with "Save as template".
domain-template-unreadable = This file is not a template that can be read ({ $detail }). Choose a file saved with "Save as template".
domain-template-format = This file is not a Discretion Spectrum template (its format is "{ $format }"). Choose a file saved with "Save as template".
domain-template-version = This template has layout version { $version }; this version reads version { $reads }. Save the template again from a workshop on this server, or update the server.
domain-template-duplicate-aspect = The template aspect { $id } is given to two aspects; each aspect of a template is used once. Load the template file again.
domain-template-misaligned = The template's aspect ids do not line up with the aspects ({ $aspects } aspects, { $ids } ids). Load the template file again.

## API answers (api/mod.rs)

domain-signed-out = Your sign-in has expired or the admin key has changed. Sign in again.
domain-unreachable = Could not reach the server. Check the Wi-Fi connection and try again.
domain-unexpected = The server could not do that (HTTP { $status }). Please try again.
domain-retention-today = Deleted on { $day } (today)
domain-retention-tomorrow = Deleted on { $day } (tomorrow)
domain-retention-in-days = Deleted on { $day } (in { $days } days)

## Opinion groups (domain/groups)

domain-stability-stable = stable
domain-stability-weak = weak
domain-stability-unstable = unstable
domain-groups-too-few-pairs = Opinion groups need at least { $need } pairs who placed at least half of the aspects (here: { $have }).
domain-groups-too-few-aspects = Opinion groups need at least { $min } aspects placed by at least { $pairs } pairs each (here: { $have }).
domain-groups-no-structure = The pairs do not fall into clear groups (best silhouette { $best }, below { $min }).

## The replay (domain/replay.rs)

domain-replay-since-first = { $time } after the first change
domain-replay-facilitator = Facilitator
domain-replay-system = System
domain-replay-an-aspect = an aspect
domain-replay-a-pair = a pair
domain-replay-created = Facilitator created the workshop
domain-replay-other = { $who }: { $action }
domain-replay-joined = { $pair } joined
domain-replay-removed = Facilitator removed { $pair }
domain-replay-withdrawn = A pair withdrew from the study; its work was removed
domain-replay-placed = { $who } placed { $aspect }
domain-replay-placed-at = { $who } placed { $aspect } at { $position }
domain-replay-moved = { $who } moved { $aspect }
domain-replay-moved-to = { $who } moved { $aspect } to { $position }
domain-replay-unplaced = { $who } took { $aspect } back off the spectrum
domain-replay-cant-place = { $who } marked { $aspect } “can't place / it depends”
domain-replay-notes = { $who } saved notes on { $aspect }
domain-replay-card-added = { $who } added the post-it “{ $text }”
domain-replay-hid = Facilitator hid { $aspect }
domain-replay-showed = Facilitator showed { $aspect }
domain-replay-locked = Facilitator locked { $aspect }
domain-replay-unlocked = Facilitator unlocked { $aspect }
domain-replay-reworded = Facilitator reworded { $aspect }
domain-replay-merged = Facilitator merged { $from } into { $into }
domain-replay-revealed = Facilitator revealed the placements
domain-replay-started-placing = Facilitator started placing
domain-replay-second-round = Facilitator started the second round
domain-replay-closed = Facilitator closed the workshop
domain-replay-went-to = Facilitator went to “{ $phase }”
domain-replay-settings = Facilitator changed the settings
domain-replay-timer = Facilitator changed the timer
domain-replay-timer-cleared = Facilitator cleared the timer
domain-replay-focus = Facilitator changed the spotlight or the order
domain-replay-sheet-set = Facilitator set version { $version } of the information sheet
domain-replay-consent = { $who } agreed to version { $version } of the information sheet ({ $people ->
    [one] 1 person
   *[other] { $people } people
})

# Group: projector (the projector, the pair's results page, spotlight, opinion groups, room picture, join box)

## Projector page

projector-link-incomplete = This projector link is not complete. Open it again from the facilitator's console.
projector-closed = This workshop is closed. Thank you!

## A pair's results

results-back = ← Back to our board
results-loading = Loading our results…
results-not-joined = This device has not joined workshop { $code }
results-only-joined-tablet = Only the tablet a pair joined with can open its results.
results-room = the room's median { $median }, middle half from { $q1 } to { $q3 } ({ $count ->
    [one] { $count } pair placed it
   *[other] { $count } pairs placed it
})
results-room-none = no pair placed it
results-room-hidden = the room's numbers are not shown: { $count ->
    [one] { $count } pair
   *[other] { $count } pairs
} placed it, fewer than { $min }
results-kept = We kept it where it was in the second round.
results-moved = In the second round we moved it { $points } points towards "{ $pole }".
results-intended = Intended:{" "}
results-unintended = Unintended:{" "}
results-kicker = Our results · { $pair } · { $site } · { $date }
results-key-own = {" "}our position{"  "}
results-key-band = {" "}the room's middle half{"  "}
results-key-median = {" "}the room's median
results-key-rounds = {" "}(upper line round 1, lower line round 2)
results-notes = Our notes
results-no-notes = We wrote no notes.
results-reference = Our reference
results-reference-keep = {" "}— keep it. It is how the research team finds our answers without our names: quote it to them to withdraw from the study, and everything this pair did is deleted.
results-no-reference = This pair has no reference (it joined before references existed).
results-foot = { $count ->
    [one] { $count } pair took part.
   *[other] { $count } pairs took part.
} The room's median and middle half are those of the workshop's summary.csv; a room's numbers are shown only where at least { $min } pairs placed the aspect.
results-print = Print or save as PDF
results-round = Round { $round }:{" "}
results-spoken = we put it at { $place }; { $room }.
results-we-put-it-at = we put it at{" "}

## Spotlight

spotlight-a-pair = A pair
spotlight-label = Spotlight: { $text }
spotlight-kicker = In the spotlight
spotlight-placed = { $count ->
    [one] { $count } pair placed it
   *[other] { $count } pairs placed it
}
spotlight-summary = {" "}· median { $median } · middle half { $q1 } to { $q3 }
spotlight-cant-place = {" "}· { $count } can't place
spotlight-cant-because = Can't place it, because…
spotlight-outcomes = Outcomes of this much discretion

## Room picture

picture-private = Placing is private: the room sees how many pairs placed each aspect, not where.
picture-spoken = Median { $median }; middle half from { $q1 } to { $q3 }.
picture-spoken-waiting = Waiting for more pairs.
picture-spoken-not-placed = Not placed yet.
picture-waiting = waiting for more pairs
picture-placed = { $count } of { $total } pairs placed
picture-cant-place = { $count } can't place
picture-split = Split into two camps
picture-movement = median { $from } → { $to } · spread { $spread_from } → { $spread_to }

## Opinion groups

groups-title = Opinion groups
groups-head = Group { $group } ({ $size ->
    [one] { $size } pair
   *[other] { $size } pairs
}, { $stability })
groups-stable = stable
groups-weak = weak
groups-unstable = unstable
groups-caption = Where each group put the aspects (median)
groups-aspect = Aspect
groups-hint = Stable: the group comes back when the pairs are resampled; weak: a pattern, but who belongs to it is doubtful; unstable: it dissolves (the codebook explains).
groups-hidden = { $count ->
    [one] { $count } smaller group not shown (privacy threshold).
   *[other] { $count } smaller groups not shown (privacy threshold).
}
groups-too-few-pairs = Opinion groups need at least { $need } pairs who placed at least half of the aspects (here: { $have }).
groups-too-few-aspects = Opinion groups need at least { $need } aspects placed by at least { $by } pairs each (here: { $have }).
groups-no-structure = The pairs do not fall into clear groups (best silhouette { $best }, below { $min }).

## Join box

join-info-lead = Join with code{" "}
join-info-lead-at = Join at { $address }/join with code{" "}
join-info-qr = QR code to join

# Group: research (researchers' area, audit log, replay, compare workshops)

## Research data: every screen of the area

research-back = Back to research data
research-needs-key = This needs the admin key.{" "}
research-sign-in-at = Sign in at Research data
research-cancel = Cancel
research-workshop = Workshop
research-audit-log = Audit log
research-replay = Replay

## Research data: sign-in

research-title = Research data
research-checking-access = Checking access…
research-wrong-key = That admin key is not right. Use the researcher link the server printed when it first started, or the key in the file admin-key beside the database.
research-type-key = Type the admin key.
research-signed-out = Signed out.
research-sign-in = Sign in
research-signing-in = Signing in…
research-admin-key = Admin key
research-admin-key-hint = The key is in the file admin-key beside the database, and in the researcher link the server printed when it first started.

## Research data: the list

research-closed-status = Closed “{ $title }” ({ $site }, { $date }).
research-deleted-status = Deleted “{ $title }” ({ $site }, { $date }).
research-close-question = Close “{ $title }” ({ $site }, { $date })? Every screen in the room shows it closed and pairs can no longer change anything; the facilitator can reopen it from the console.
research-delete-question = Delete “{ $title }” ({ $site }, { $date }) and all its data? This cannot be undone.
research-kept = Kept
research-retention-soon = Soon: { $when }
research-workshops-count = { $all ->
    [one] { $all } workshop.
   *[other] { $all } workshops.
}
research-workshops-matching = { $all ->
    [one] { $shown } of { $all } workshop match the filters.
   *[other] { $shown } of { $all } workshops match the filters.
}
research-workshops = Workshops
research-sign-out = Sign out
research-no-workshops = No workshops yet.
research-filters = Filters
research-site = Site
research-all-sites = All sites
research-from = From
research-to = To
research-no-match = No workshops match these filters.
research-download-all = Download all (zip)
research-download-all-hint = Every workshop shown below: a folder each, plus placements.csv and summary.csv across them with site and workshop_id columns.
research-compare-selected = Compare selected
research-compare-hint = Tick two or more workshops (e.g. the same aspects run at several sites) to compare their medians and quartiles aspect by aspect.
research-table-caption = Workshops, newest first
research-col-compare = Compare
research-col-title = Title
research-col-date = Date (UTC)
research-col-phase = Phase
research-col-pairs = Pairs
research-col-aspects = Aspects
research-col-placements = Placements
research-col-actions = Actions
research-closing = Closing…
research-yes-close = Yes, close
research-deleting = Deleting…
research-yes-delete = Yes, delete
research-close-button = Close…
research-delete-button = Delete…
research-compare-tick = Compare “{ $title }” ({ $site })
research-withdrawal-until = Withdrawal until { $day }
research-download-zip = Download (zip)
research-room-report = Room report

## Research data: console link

research-new-console-link-button = New console link…
research-new-console-link = New console link
research-new-console-link-question = Issue a new console link for “{ $title }”? The current link stops working; a console open now keeps running until it reconnects.
research-issuing = Issuing…
research-yes-issue-link = Yes, issue a link
research-console-link-shown = Console link (shown once; give it to the facilitator):{" "}

## Research data: import

research-import-choose-file = Choose the workshop's export zip first.
research-imported = Imported “{ $title }” ({ $site }). It is in the list below; it has no console link until you issue one.
research-import = Import archive
research-import-hint = A workshop exported from another server (its “Download (zip)”). Every file is checked before anything is created; the workshop keeps its id and exports the same tables here.
research-import-file = Workshop archive (zip)
research-importing = Importing…

## Research data: delete after

research-kept-until-deleted = Kept until someone deletes it.
research-retention-saved = Saved the delete-after day of “{ $title }”. { $said }
research-delete-after-button = Delete after…
research-delete-after-form = Delete after, “{ $title }”
research-delete-after = Delete after
research-delete-after-hint = A day after today (UTC); empty keeps the workshop until someone deletes it.
research-saving = Saving…
research-save = Save

## Research data: withdraw a pair

research-withdraw-question = Withdraw pair { $reference } from “{ $title }” ({ $site })? Its label, placements, notes, “can't place” reasons and the post-its it wrote are erased from every table, statistic, chart, opinion group, report, replay and export, as if it had never taken part; the event log keeps one row saying a pair withdrew, with nothing of what it wrote. This cannot be undone.
research-withdrawn = Withdrew pair { $reference } from “{ $title }”: { $placements ->
    [one] { $placements } placement
   *[other] { $placements } placements
}, { $notes ->
    [one] { $notes } note
   *[other] { $notes } notes
} and { $post_its ->
    [one] { $post_its } post-it
   *[other] { $post_its } post-its
} removed; statistics are now computed from the other pairs.
research-type-reference = Type the pair's reference: six letters and digits, e.g. R7K2QX.
research-not-a-reference = “{ $typed }” is not a pair reference: a reference has six letters and digits, e.g. R7K2QX (the pair's tablet shows it under “Our reference”; the console lists every pair's).
research-no-withdrawal-deadline = {" "}This workshop has no withdrawal deadline.
research-withdrawal-deadline = {" "}Withdrawal deadline: { $day } (UTC); after it, withdrawal is refused.
research-withdraw-button = Withdraw a pair…
research-withdraw-form = Withdraw a pair from “{ $title }”
research-pair-reference = Pair reference
research-withdraw-hint = The six letters and digits the participant quoted (their tablet shows them under “Our reference”).
research-continue = Continue
research-withdrawing = Withdrawing…
research-yes-withdraw = Yes, withdraw
research-no-keep = No, keep it

## Audit log

audit-count-all = { $total ->
    [one] { $total } row, newest first.
   *[other] { $total } rows, newest first.
}
audit-count-some = { $total ->
    [one] Showing the newest { $shown } of { $total } row. Download the audit log (CSV) for every row.
   *[other] Showing the newest { $shown } of { $total } rows. Download the audit log (CSV) for every row.
}
audit-workshop-deleted = { $id } (deleted)
audit-intro = Every download, view and change of the research data, every sign-in to this area, and every deletion by the server's retention rule. Rows are only ever added: nobody can change or delete one. Addresses are kept as their network only.
audit-loading = Loading the audit log…
audit-open-again = , then open the audit log again.
audit-filter = Filter
audit-all-workshops = All workshops
audit-download = Download the audit log (CSV)
audit-nothing = Nothing recorded yet.
audit-caption = Audit log, newest first
audit-col-time = Time (UTC)
audit-col-who = Who
audit-col-what = What
audit-col-detail = Detail
audit-col-network = Network

## Replay

replay-before-any-change = Before any change: the workshop as created.
replay-incomplete-link = This replay link is not complete: it should end with a workshop id.
replay-loading = Loading the replay…
replay-open-again = , then open this replay again.
replay-time = Time
replay-moment = Moment
replay-changes-of = { $moment } of { $last } changes
replay-change-of = Change { $moment } of { $last }
replay-previous = Previous change
replay-next = Next change
replay-pause = Pause
replay-play = Play
replay-phase = Phase: { $name } · Round { $round }

## Compare workshops

compare-title = Compare workshops
compare-loading = Loading…
compare-sign-in = Sign in on the research data page
compare-come-back = , then come back to this link.
compare-download-csv = Download comparison (CSV)
compare-download-zip = Download these workshops (zip)
compare-download-qdpx = Download their notes for NVivo (.qdpx)
compare-round = Round
compare-round-n = Round { $round }
compare-last-round = Last round of each
compare-matched-status = Matched “{ $first }” with “{ $second }”.
compare-unmatched-status = Unmatched “{ $label }”.
compare-median = Median
compare-table-heading = Medians and quartiles by site
compare-aspect = Aspect
compare-matching = Matching
compare-match-with-label = Match “{ $label }” with…
compare-match-with = Match with…
compare-match = Match
compare-matched-by-hand = Matched by hand
compare-unmatch = Unmatch
compare-chart-label = Median and quartiles of { $groups } aspect groups at { $sites }, from { $left } (0) to { $right } (100). The table below has the numbers.
compare-groups-heading = Opinion groups (round 1)
compare-groups-hint = Pairs who placed the shared aspects alike, whatever their site: principal components, then k-means with the number of groups chosen by the silhouette (the export's codebook gives the method and its thresholds). A group's stability is how often it comes back when the pairs are resampled (Hennig's bootstrap, 0–1): from 0.75 stable, 0.6–0.75 weak, below 0.6 unstable.
compare-finding-groups = Finding groups…
compare-groups-summary = { $k } groups, mean silhouette { $silhouette }.
compare-groups-summary-left-out = { $k } groups, mean silhouette { $silhouette }; { $left_out } pairs placed too few aspects and are left out.
compare-group-header = Group { $group } ({ $word })
compare-group-members = Group { $group } ({ $pairs } pairs, { $word }, stability { $stability }):{" "}
compare-groups-caption = Median position of each group, per aspect

# Group: setup (new workshop form, home page, information sheet editor)

## Home page

home-title = Discretion Spectrum
home-lead = Pairs place post-its on a spectrum from fixed to flexible, and the room sees where everyone put them.
home-start = Start
home-new-workshop = New workshop
home-join = Join a workshop

## New workshop

setup-heading = New workshop
setup-title = Title
setup-site = Site
setup-question = Question
setup-left-pole = Left pole
setup-right-pole = Right pole
setup-delete-after = Delete after
setup-delete-after-hint = Optional. On this day (UTC) the server deletes the workshop and all its data, as "Delete" does. Leave it empty to keep it until someone deletes it.
setup-withdrawal-deadline-hint = The last day (UTC) on which a pair can still ask to be withdrawn with its reference; after it, withdrawal is refused. Leave it empty to allow withdrawal at any time.
setup-sheet-legend = Information sheet and consent
setup-sheet-on = Optional. Each person at a tablet reads the sheet and agrees, before the board opens.
setup-creating = Creating…
setup-create = Create workshop

## New workshop: aspects and session settings

setup-aspects = Aspects
setup-aspects-hint = Each aspect becomes a post-it that every pair places. Pairs see them in this order.
setup-add-aspect = Add aspect
setup-aspect-n = Aspect { $n }
setup-move-aspect-up = Move aspect { $n } up
setup-move-aspect-down = Move aspect { $n } down
setup-remove-aspect = Remove aspect { $n }
setup-up = Up
setup-down = Down
setup-remove = Remove
setup-settings = Session settings
setup-settings-hint = The defaults suit most sessions; you can change them on the console at any time.
setup-min-pairs-hint = The projector shows an aspect's dots only once at least this many pairs placed it.

## New workshop: start from a template or an earlier workshop

setup-start-from-heading = Start from a template or an earlier workshop
setup-start-from-hint = The same exercise at every site: start from the template another site saved (its console's “Save as template”), and this workshop's aspects are matched with theirs when sites are compared.
setup-template-file = Start from a template file
setup-earlier-heading = Start from an earlier workshop
setup-earlier-checking = Looking for earlier workshops on this server…
setup-earlier-signed-out = This server's earlier workshops are listed here for researchers:
setup-earlier-sign-in = sign in at /research
setup-earlier-signed-out-end = and come back to this page, or use a template file.
setup-earlier-none = There are no earlier workshops on this server yet.
setup-use = Use
setup-use-label = Use: start from “{ $name }”
setup-earlier-aspects = { $count } aspects
setup-filled-from-file = Filled in from the file { $name }: “{ $title }”, { $count } aspects. Type this site's name below and check the rest. Aspects you reword stay matched with the template's; aspects you add are new.
setup-filled-from-workshop = Filled in from the workshop at { $site } on { $date }: “{ $title }”, { $count } aspects. Type this site's name below and check the rest. Aspects you reword stay matched with the template's; aspects you add are new.
setup-file-unreadable = the browser could not read the file

## Information sheet editor (new workshop and console)

sheet-editor-title = Sheet title
sheet-editor-version = Sheet version
sheet-editor-text = Information sheet text
sheet-editor-text-hint = What the participants are told: the study, what is recorded, who sees it, how to withdraw. Paragraphs are kept; separate them with a blank line.
sheet-editor-statements = Consent statements
sheet-editor-statements-hint = Each person at a tablet ticks every statement before the board opens.
sheet-editor-statement-n = Statement { $n }
sheet-editor-remove-statement = Remove statement { $n }
sheet-editor-remove = Remove
sheet-editor-add-statement = Add statement

## Workshop content in a second language

domain-input-unknown-language = “{ $code }” is not a language of this app: choose one of the list.
domain-replay-second-language = The facilitator set the workshop's texts in a second language

## Room report (server/src/research/report.rs: the printable page the console links to, one per language)

report-title = Room report: { $title }
report-kicker = Room report · { $site } · { $date }
report-counts = { $pairs ->
    [one] { $pairs } pair
   *[other] { $pairs } pairs
}, { $aspects ->
    [one] { $aspects } aspect
   *[other] { $aspects } aspects
}.
report-counts-two-rounds = { $pairs ->
    [one] { $pairs } pair
   *[other] { $pairs } pairs
}, { $aspects ->
    [one] { $aspects } aspect
   *[other] { $aspects } aspects
}, two rounds.
report-picture-heading = Where the room put each aspect
report-picture-heading-round-2 = Where the room put each aspect (round 2)
report-col-aspect = Aspect
report-col-pairs = Pairs
report-col-median = Median
report-col-middle-half = Middle half
report-col-split = Split into two camps
report-split-yes = yes
report-disagreed-heading = Where the room disagreed most
report-disagreed-too-few = Too few pairs placed the same aspects to say.
report-disagreed-detail = consensus { $consensus } (0 = evenly split, 1 = all together), middle half { $middle }.
report-disagreed-detail-split = consensus { $consensus } (0 = evenly split, 1 = all together), middle half { $middle }, split into two camps.
report-movement-heading = How the room moved in the second round
report-col-median-rounds = Median, round 1 → 2
report-col-middle-half-change = Middle half changed by
report-col-moved = Pairs who moved it more than 10
report-moved-of = { $moved } of { $paired }
report-groups-heading = Opinion groups
report-group-head = Group { $group } ({ $size ->
    [one] { $size } pair
   *[other] { $size } pairs
}, { $stability })
report-groups-hidden = { $count ->
    [one] { $count } smaller group not shown (privacy threshold).
   *[other] { $count } smaller groups not shown (privacy threshold).
}
report-groups-hint = Each group's median position per aspect. Stable: the group comes back when the pairs are resampled; weak: a pattern, but who belongs to it is doubtful; unstable: it dissolves.
report-notes-heading = What the pairs wrote
report-note-intended = Intended
report-note-unintended = Unintended
report-no-notes = No notes were written.
report-notes-anonymous = Notes are shown without pair names, as the workshop was set.
report-footer = Made by Discretion Spectrum from the workshop's record. Median and middle half (interquartile range) as in the export's summary.csv; the codebook in the export defines every number.
report-chart-title = { $title } — { $site } — round { $round }

## Refusals (domain/refusal.rs): what a pair or the facilitator is told when a change is refused

refusal-unknown-card = That post-it is not part of this workshop.
refusal-card-hidden = The facilitator has hidden that post-it.
refusal-card-merged = That post-it was merged into another one.
refusal-pair-removed = This pair was removed from the workshop.
refusal-consent-needed = Your pair has not agreed to version { $version } of the information sheet yet, so nothing was saved. Read it on this tablet and agree (each person) to continue.
refusal-card-id-taken = That post-it id is already taken; nothing was added.
refusal-too-many-pair-cards = A pair can write at most { $max } post-its; talk to the facilitator.
refusal-locked = The facilitator has locked this aspect; it cannot be moved now.
refusal-already-in-tray = That post-it is already in the tray.
refusal-too-many-cards = This workshop already has { $max } post-its, the most it can hold.
refusal-closed-reopen = The workshop is closed. Reopen it (one phase back) to change anything.
refusal-already-in-phase = The workshop is already in that phase.
refusal-second-round-too-soon = A second round comes after the first round has been placed and revealed.
refusal-reveal-too-soon = Reveal comes after placing: start placing first.
refusal-closed-reopens-one-step = A closed workshop reopens one step back, to the phase it was closed from.
refusal-one-step = Phases go one step at a time: { phase-joining }, { phase-placing }, { phase-reveal }, { phase-second-round }, { phase-closed }.
refusal-timer-range = A timer runs from 1 to { $max } minutes.
refusal-no-timer-running = No timer is running.
refusal-no-timer-paused = No timer is paused.
refusal-extend-range = A timer can be extended by 1 to { $max } minutes.
refusal-no-timer-to-extend = There is no timer to extend; start one first.
refusal-no-timer = There is no timer.
refusal-merge-into-itself = A post-it cannot be merged into itself; choose another one to merge into.
refusal-merge-into-hidden = Show that post-it before merging into it.
refusal-unknown-pair = That pair is not in this workshop.
refusal-withdraw-not-event = Withdrawing a pair erases its stored data; only the server's room does it, not as an event.
refusal-no-sheet = This workshop has no information sheet to agree to; go on to the board.
refusal-sheet-changed = The information sheet changed to version { $version } while you were reading. Read version { $version } and agree again.
refusal-people-count = Say how many people share this tablet: 1 to { $max }.
refusal-everyone-must-tick = Every person must tick every statement before the board opens; if you do not agree, choose "{ consent-decline }".
refusal-nothing-to-decline = This workshop has no information sheet, so there is nothing to decline. Nothing was changed.
refusal-already-agreed = Your pair already agreed to the current information sheet. To leave the study, ask the facilitator to withdraw your pair (quote your reference). Nothing was changed.
refusal-sheet-before-joining = This workshop asks each person to read its information sheet (version { $version }) and agree before joining. Reload this page to see it.
domain-switch-both-languages = Projector shows both languages
setup-second-legend = Second language
setup-second-on = Also in a second language
setup-second-hint = Each tablet and projector shows these texts in its own language: a text left empty shows in the first language.
setup-second-language = Second language
setup-second-question = Question in the second language
setup-second-left-pole = Left pole in the second language
setup-second-right-pole = Right pole in the second language
setup-second-aspect-n = Aspect { $n } in the second language
console-second-none = In one language: every screen shows the texts as written.
console-second-note = Also in { $language }: { $translated } of { $aspects ->
    [one] { $aspects } aspect
   *[other] { $aspects } aspects
}. Each screen in that language shows these texts.
console-second-add = Add a second language
console-second-change = Change the second language
console-second-remove = Remove the second language
console-second-save = Save the second language

## Dates in sentences for people (data keeps ISO days)

date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## The new-workshop form's starting content (the facilitator edits it)

default-question = In an ideal social prescribing service, how much discretion should link workers have over…
default-left-pole = Fixed / prescribed
default-right-pole = Flexible / autonomous
default-aspect-1 = How many appointments a patient can have
default-aspect-2 = How long each appointment lasts
default-aspect-3 = Where people are seen
default-aspect-4 = "Holding" patients until they are ready, and for how long
default-aspect-5 = Shared holding with GPs for patients of concern
default-aspect-6 = Coming back into the service for more "layers"
default-aspect-7 = Excluding nobody, whatever their needs
default-aspect-8 = Caseload balance and link-worker wellbeing
default-aspect-9 = Time in the community developing activities and groups
default-aspect-10 = Supporting carers and family members
