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
