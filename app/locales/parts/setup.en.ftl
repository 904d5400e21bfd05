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
setup-withdrawal-deadline = Withdrawal deadline (optional)
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
setup-min-pairs = Privacy threshold (pairs)
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
