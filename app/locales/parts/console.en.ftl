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
console-deadline-label = Withdrawal deadline (optional)
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
console-retention-today = Deleted on { $day } (today): the server deletes the workshop and all its data on that day.
console-retention-tomorrow = Deleted on { $day } (tomorrow): the server deletes the workshop and all its data on that day.
console-retention-in-days = Deleted on { $day } (in { $days } days): the server deletes the workshop and all its data on that day.
console-retention = Retention
console-delete-after = Delete after
console-delete-after-hint = A day after today (UTC). Leave it empty and save to keep the workshop.
console-save-delete-after = Save delete-after day

## settings.rs

console-settings = Settings
console-min-pairs-label = Privacy threshold (pairs)
console-switch-live-wall = Live wall: everyone sees placements as they happen
console-switch-share-pair-cards = Pairs' post-its go onto every pair's tray
console-switch-name-notes = Show pair names with notes on the projector
console-switch-show-groups = Show opinion groups on the projector
console-switch-export-references = Pair names in exports: references only (pseudonymised)
console-switch-pair-results = Pairs can see their results
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
