# Cymraeg. A Welsh speaker should review this catalog before a Welsh site uses it; the
# exercise's words are in GLOSSARY.md beside it.

language-name = Cymraeg
language-direction = ltr
-number-decimal = .

## Pob sgrin

language-switch = Iaith
page-not-found = Heb ddod o hyd i'r dudalen
home = Hafan

## Bwrdd y pâr

changes-not-saved = { $count ->
    [zero] Dim newidiadau heb eu cadw ({ $count })
    [one] { $count } newid heb ei gadw eto
    [two] { $count } newid heb eu cadw eto
    [few] { $count } newid heb eu cadw eto
    [many] { $count } newid heb eu cadw eto
   *[other] { $count } o newidiadau heb eu cadw eto
}

## Camau (pob sgrin sy'n enwi un)

phase-joining = Ymuno
phase-placing = Gosod
phase-reveal = Datgelu a thrafod
phase-second-round = Ail rownd
phase-closed = Ar gau
phase-blocked-joining = Nid yw'r gosod wedi dechrau eto: bydd yr hwylusydd yn ei ddechrau.
phase-blocked-reveal = Mae'r hwylusydd wedi oedi'r gosod tra bo'r ystafell yn trafod.
phase-blocked-closed = Mae'r gweithdy ar gau; ni ellir newid dim.

## Rheolyddion a rennir

cancel = Canslo
loading = Yn llwytho…
session-phase = Cam:{" "}
session-time-left = Amser ar ôl
session-paused = {" "}(wedi oedi)
session-time-up = {" "}— mae'r amser ar ben

## Tudalen ymuno

join-title = Ymuno â gweithdy
join-code = Cod ymuno
join-pair-name = Enw'r pâr
join-pair-name-hint = Unrhyw label y bydd yr ystafell yn ei adnabod. Does dim angen enwau go iawn.
join-pair-name-placeholder = Pâr 3
join-button = Ymuno
join-declined-title = Ni wnaethoch gytuno
join-declined-text = Ni chadwyd dim amdanoch chi na'ch pâr. Gallwch roi'r dabled yn ôl i'r hwylusydd neu gau'r dudalen hon.
join-refused-code = Nid cod ymuno yw hwnnw. Mae cod ymuno yn 6 llythyren a digid, fel ABC234: gwiriwch y cod ar y taflunydd.
join-refused-unknown = Does dim gweithdy â'r cod hwn. Gwiriwch y cod ar y taflunydd.
join-refused-name = Teipiwch enw pâr y bydd yr ystafell yn ei adnabod, mewn llythrennau, digidau a bylchau (does dim angen enwau go iawn).
join-refused-taken = Mae gan bâr arall yn y gweithdy hwn yr enw hwn yn barod: dewiswch un arall.
join-refused-full = Mae gan y gweithdy hwn gymaint o barau ag y mae'n eu cymryd. Gofynnwch i'r hwylusydd.
join-refused-sheet = Mae'r gweithdy hwn yn gofyn i bob person ddarllen taflen wybodaeth a chytuno cyn ymuno. Arhoswch nes bod y dudalen wedi gorffen llwytho, yna pwyswch Ymuno eto.
join-refused-other = Ni allai'r pâr ymuno ar hyn o bryd. Arhoswch funud a phwyso Ymuno eto.
join-sheet-changed = Newidiodd y daflen wybodaeth tra oeddech yn ei darllen. Darllenwch hi eto isod; mae pob person yn cytuno cyn ymuno.

## Taflen wybodaeth a chaniatâd

consent-version = Fersiwn{" "}
consent-people = Faint o bobl sy'n rhannu'r dabled hon?
consent-person = Person { $number }
consent-all-agreed = Mae pawb wedi cytuno: gallwch agor y bwrdd.
consent-not-yet = Mae'r bwrdd yn agor pan fydd pob person wedi ticio pob datganiad.
consent-agree = Rydym yn cytuno — agor y bwrdd
consent-decline = Nid ydym yn cytuno

## Tudalen y pâr

pair-not-joined = Nid yw'r ddyfais hon wedi ymuno â gweithdy { $code } eto
pair-join-workshop = Ymuno â gweithdy { $code }
pair-our-reference = Ein cyfeirnod:{" "}
pair-reference-help = I dynnu'n ôl o'r astudiaeth yn nes ymlaen, rhowch y cyfeirnod hwn i'r tîm ymchwil; yna caiff popeth a wnaeth y pâr hwn ei ddileu.
pair-our-results = Ein canlyniadau
pair-connecting = Yn cysylltu â'r gweithdy…
pair-declined-title = Ni wnaethoch gytuno
pair-declined-text = Ni chytunodd eich pâr i'r daflen wybodaeth newydd, felly cafodd popeth a wnaeth eich pâr yn y gweithdy hwn ei ddileu ac ni chedwir dim mwy. Gallwch roi'r dabled yn ôl i'r hwylusydd.
pair-sheet-changed = Mae'r daflen wybodaeth wedi newid. Darllenwch hi eto; mae pob person yn cytuno cyn i'r bwrdd agor.
pair-removed = Cafodd y pâr hwn ei dynnu o'r gweithdy gan yr hwylusydd. Ymunwch eto os camgymeriad oedd hynny.
pair-withdrawn = Mae'r pâr hwn wedi tynnu'n ôl o'r astudiaeth: cafodd popeth a wnaeth yn y gweithdy hwn ei ddileu. Ni chedwir dim mwy o'r dabled hon.
pair-join-again = Ymuno eto
pair-console-offline = Nid yw'r consol wedi'i gysylltu; ni newidiwyd dim. Rhowch gynnig arall arni mewn munud.
pair-tablet-offline = Nid yw'r dabled hon wedi'i chysylltu â'r gweithdy; ni anfonwyd dim. Rhowch gynnig arall arni mewn munud.

## Statws cadw (mae'r pâr bob amser yn gwybod a yw ei waith yn ddiogel)

sync-connecting = Yn cysylltu…
sync-saved = Wedi'i gadw
sync-saving = Yn cadw…
sync-offline-saved = All-lein — mae popeth wedi'i gadw
sync-offline = All-lein
sync-with-unsaved = { $state } — { $count ->
    [zero] dim newid heb ei gadw
    [one] { $count } newid heb ei gadw eto
    [two] { $count } newid heb eu cadw eto
    [few] { $count } newid heb eu cadw eto
    [many] { $count } newid heb eu cadw eto
   *[other] { $count } o newidiadau heb eu cadw eto
}

## Y bwrdd

board-closed = Mae'r gweithdy ar gau. Diolch!
board-second-round = Ail rownd: symudwch eich nodiadau gludiog os newidiodd y drafodaeth eich barn.
board-help = Llusgwch nodyn gludiog i'r llinell, neu dewiswch ef a defnyddio'r botymau o dan y llinell. Tapiwch nodyn gludiog (neu pwyswch Enter) i ysgrifennu nodiadau. Bysellfwrdd: mae Bwlch yn codi, mae'r saethau'n symud (Shift: fesul 10), mae Bwlch neu Enter yn gollwng, mae Escape yn canslo, mae Delete yn tynnu'n ôl. 0 yw “{ $left }”, 100 yw “{ $right }”.
board-room-on = Yr ystafell ar “{ $text }”: y dotiau llwyd yw'r parau eraill, y bar oren yw canolrif yr ystafell.
board-select-to-see-room = Dewiswch nodyn gludiog i weld lle rhoddodd y parau eraill ef.
board-spectrum = Sbectrwm
board-post-its = Nodiadau gludiog
board-to-place = Nodiadau gludiog i'w gosod
board-all-placed = Mae pob nodyn gludiog ar y llinell. Llusgwch un yn ôl yma i'w dynnu i ffwrdd.
board-cant-place-area = Methu gosod
board-cant-place = Methu gosod / mae'n dibynnu
board-select-to-move = Dewiswch nodyn gludiog i'w symud â botymau.
board-card-locked = { $text }: wedi'i gloi gan yr hwylusydd
board-card-at = { $text }: ar { $position } o 100
board-card-cant-place = { $text }: methu gosod
board-card-not-placed = { $text }: heb ei osod eto
board-place = Gosod ar y sbectrwm
board-move-left = Symud i'r chwith
board-move-right = Symud i'r dde
board-take-back = Tynnu'n ôl
board-add = Ychwanegu nodyn gludiog
board-add-text = Testun y nodyn gludiog
board-add-button = Ychwanegu
board-add-empty = Ysgrifennwch rywbeth ar y nodyn gludiog yn gyntaf.
board-added = Ychwanegwyd { $text } at y nodiadau gludiog i'w gosod.
board-stays = Mae { $text } yn aros ar { $position } o 100.
board-placed = Gosodwyd { $text } ar { $position } o 100.
board-back = Mae { $text } yn ôl gyda'r nodiadau gludiog i'w gosod.
board-holding = Yn dal { $text } ar { $position } o 100. Mae'r saethau'n symud, mae Bwlch yn gollwng, mae Escape yn canslo.
board-moved = { $text } ar { $position } o 100.
board-put-back-at = Rhoddwyd { $text } yn ôl ar { $position } o 100.
board-put-back = Rhoddwyd { $text } yn ôl gyda'r nodiadau gludiog i'w gosod.
post-it-locked = wedi'i gloi
post-it-notes = nodiadau
post-it-notes-mark = ✎ nodiadau
post-it-mine = ysgrifennwyd gennych chi
post-it-holding-at = yn dal ar { $position } o 100
post-it-at = ar { $position } o 100
post-it-cant-place = methu gosod
post-it-not-placed = heb ei osod
post-it-holding = Yn dal ar { $position }
post-it-locked-title = Wedi'i gloi
sheet-locked = Mae'r hwylusydd wedi cloi'r agwedd hon; ni ellir ei symud nawr.
sheet-saved = Cadwyd taflen { $text }.
sheet-help = Pe bai gennych ryddid dros yr agwedd hon, beth fyddai'n digwydd?
sheet-intended = Canlyniad bwriadedig
sheet-unintended = Canlyniad anfwriadedig
sheet-reason = Rheswm
sheet-save = Cadw
