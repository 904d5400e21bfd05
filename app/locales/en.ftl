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
join-refused-unknown = No workshop has this code. Check the code on the projector.
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
