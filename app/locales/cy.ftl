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
join-refused-unknown = Does dim gweithdy â'r cod { $code }. Gwiriwch y cod ar y taflunydd.
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
board-before-code = Eich bwrdd fel y cafodd ei gadw ddiwethaf. Gallwch symud nodiadau gludiog unwaith y bydd y dudalen wedi gorffen llwytho.
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

# Group: console (consol yr hwylusydd, app/src/pages/console/).

## mod.rs

console-dismiss-message = Cau'r neges
console-workshop-deleted = Gweithdy wedi'i ddileu
console-workshop-deleted-body = Mae “{ $title }” a'i holl ddata wedi mynd o'r gweinydd hwn. Mae tabledi'r parau a'r taflunydd wedi cael gwybod.
console-set-up-new-workshop = Sefydlu gweithdy newydd
console-connecting = Yn cysylltu â'r gweithdy…
console-bookmark-note = Rhowch nod tudalen ar y dudalen hon: hi yw eich allwedd i'r gweithdy hwn
console-room-picture = Darlun yr ystafell
console-join-heading = Mae parau'n ymuno â
console-join-code = Cod ymuno
console-join-qr = Cod QR i ymuno
console-loopback-warning = Ni all tabledi agor y cyfeiriad hwn: mae'n pwyntio at y cyfrifiadur hwn. Ailgychwynnwch gyda --lan (scripts/run.sh --lan) neu gosodwch DS_PUBLIC_URL.
console-links = Gweithdy
console-projector-view = Golwg y taflunydd
console-download-placements = Lawrlwytho'r lleoliadau (CSV)
console-download-all = Lawrlwytho'r cyfan (zip)
console-download-nvivo = Lawrlwytho ar gyfer NVivo (.qdpx)
console-save-template = Cadw fel templed
console-room-report = Adroddiad yr ystafell

## aspects.rs

console-aspects = Agweddau
console-order-by = Trefnu'r agweddau yn ôl
console-order-set = Y drefn a osodwyd
console-order-spread = Yr anghytundeb mwyaf yn gyntaf
console-order-median = Canolrif (sefydlog → hyblyg)
console-spotlight-waits = Mae'r taflunydd yn dangos y sbotolau unwaith y bydd y safleoedd wedi'u datgelu (Datgelu, neu'r wal fyw).
console-new-post-it = Nodyn gludiog newydd
console-new-post-it-hint = Mae nodyn gludiog a ysgrifennwch yn mynd ar hambwrdd pob pâr.
console-add-post-it = Ychwanegu nodyn gludiog

## aspect_item.rs

console-a-pair = pâr
console-badge-hidden = {" "}(wedi'i guddio)
console-badge-by = awdur: { $who }
console-badge-locked = wedi'i gloi
console-badge-spotlighted = Dan y sbotolau
console-badge-split = Wedi'i rannu'n ddau wersyll
console-aspect-counts = { $placed } wedi'u gosod · { $cant } methu eu gosod
console-aspect-counts-median = { $placed } wedi'u gosod · { $cant } methu eu gosod · canolrif { $median }
console-edit-empty = Testun y nodyn gludiog: ysgrifennwch rywbeth, neu Canslo.
console-merge-question = Uno “{ $from }” â “{ $into }”? Mae'r lleoliadau a'r nodiadau'n symud i “{ $into }”.
console-stop-spotlight = Diffodd y sbotolau
console-spotlight = Sbotolau
console-edit = Golygu
console-hide = Cuddio
console-show = Dangos
console-lock = Cloi
console-unlock = Datgloi
console-merge-into = Uno â
console-merge = Uno
console-post-it-text = Testun y nodyn gludiog
console-save-wording = Cadw'r geiriad
console-confirm-merge = Cadarnhau'r uno
console-yes-merge = Ie, uno

## deadline.rs

console-deadline-none = Dim terfyn amser tynnu'n ôl: gellir tynnu pâr yn ôl unrhyw bryd.
console-deadline-until = Gellir tynnu parau yn ôl tan ddiwedd { $day } (UTC); ar ôl hynny, gwrthodir tynnu'n ôl.
console-status-saved = Wedi'i gadw. { $note }
console-status-unchanged = Heb newid. { $note }
console-withdrawal = Tynnu'n ôl
console-deadline-hint = Heddiw neu ddiwrnod diweddarach (UTC). Gadewch yn wag a chadw i ganiatáu tynnu'n ôl unrhyw bryd.
console-save-deadline = Cadw'r terfyn amser tynnu'n ôl

## delete.rs

console-delete-question = Dileu “{ $title }” a'i holl ddata: pob pâr, nodyn gludiog, lleoliad, nodyn a'r log digwyddiadau? Lawrlwythwch ef yn gyntaf os oes ei angen arnoch. Ni ellir dadwneud hyn.
console-delete-heading = Dileu'r gweithdy hwn
console-delete-hint = Pan fydd y data gan y tîm ymchwil, dilëwch y gweithdy i dynnu popeth a ysgrifennodd y parau oddi ar y gweinydd hwn.
console-delete-workshop = Dileu'r gweithdy…
console-deleting = Yn dileu…
console-yes-delete = Ie, dileu

## pairs.rs

console-consent-asked-again = wedi cytuno i fersiwn { $agreed }; gofynnwyd eto am fersiwn { $current }
console-consent = { $people ->
    [zero] cydsyniad: fersiwn { $version }, { $people } o bobl
    [one] cydsyniad: fersiwn { $version }, { $people } person
    [two] cydsyniad: fersiwn { $version }, { $people } berson
    [few] cydsyniad: fersiwn { $version }, { $people } pherson
    [many] cydsyniad: fersiwn { $version }, { $people } pherson
   *[other] cydsyniad: fersiwn { $version }, { $people } o bobl
}
console-no-consent = dim cydsyniad eto
console-pairs-declined = { $count ->
    [zero] { $count } pâr wedi gwrthod y daflen wybodaeth
    [one] { $count } pâr wedi gwrthod y daflen wybodaeth
    [two] { $count } bâr wedi gwrthod y daflen wybodaeth
    [few] { $count } phâr wedi gwrthod y daflen wybodaeth
    [many] { $count } phâr wedi gwrthod y daflen wybodaeth
   *[other] { $count } pâr wedi gwrthod y daflen wybodaeth
}
console-active-now = yn weithgar gynnau
console-active-minutes = yn weithgar { $minutes } munud yn ôl
console-active-hours = yn weithgar { $hours } awr yn ôl
console-withdraw-question = Tynnu { $label } yn ôl o'r astudiaeth? Caiff ei enw, ei leoliadau, ei nodiadau a'i nodiadau gludiog eu dileu o'r gronfa ddata ac o bob allforiad o hyn ymlaen, fel pe na bai erioed wedi cymryd rhan. Ni ellir dadwneud hyn.
console-pairs-heading = Parau ({ $count })
console-no-pairs = Nid oes pâr wedi ymuno eto.
console-online = ar-lein
console-offline = all-lein
console-pair-progress = { $placed } o { $total } wedi'u gosod
console-pair-reference = Cyfeirnod{" "}
console-remove-question = Dileu { $label } a phopeth a wnaeth?
console-remove-pair = Dileu { $label }
console-remove = Dileu
console-withdraw-pair = Tynnu { $label } yn ôl o'r astudiaeth
console-withdraw = Tynnu'n ôl
console-confirm-withdrawal = Cadarnhau tynnu'n ôl
console-yes-withdraw = Ie, tynnu'n ôl
console-confirm-removal = Cadarnhau'r dileu
console-yes-remove = Ie, dileu

## phase.rs

console-start-placing = Dechrau gosod
console-reveal = Datgelu
console-second-round = Ail rownd
console-help-joining = Mae parau'n ymuno ac yn darllen eu nodiadau gludiog; ni ellir gosod dim eto. Dechreuwch osod pan fydd pawb i mewn.
console-help-placing-live = Mae parau'n gosod. Wal fyw: mae pawb yn gweld y lleoliadau wrth iddynt ddigwydd.
console-help-placing = Mae parau'n gosod yn breifat; dim ond y cynnydd a ddengys y taflunydd. Datgelwch pan fydd y rhan fwyaf o'r parau wedi gorffen.
console-help-reveal = Mae'r gosod wedi'i oedi. Mae'r taflunydd yn dangos lle rhoddodd pob pâr bob agwedd: rhowch agwedd dan y sbotolau i'w thrafod.
console-help-second-round = Caiff parau symud eu nodiadau gludiog eto, gan ddechrau o'u safleoedd cyntaf; mae'r taflunydd yn dangos sut mae pob agwedd yn symud.
console-help-closed = Mae'r gweithdy ar gau: ni all dim newid mwyach. Mae'r data'n dal ar gael i'w lawrlwytho.
console-back-joining = Yn ôl i'r cam Ymuno
console-back-placing = Yn ôl i'r cam Gosod
console-back-reveal = Yn ôl i'r cam Datgelu a thrafod
console-back-second-round = Yn ôl i'r ail rownd
console-back-closed = Yn ôl i'r cam Ar gau
console-close-workshop = Cau'r gweithdy
console-session = Sesiwn
console-close-the-workshop = Cau'r gweithdy
console-yes-close = Ie, cau
console-close-question = Cau'r gweithdy? Ni all parau newid dim mwyach.

## retention.rs

console-retention-none = Dim diwrnod dileu: caiff y gweithdy ei gadw nes i rywun ei ddileu.
console-retention-day = { $sentence }: mae'r gweinydd yn dileu'r gweithdy a'i holl ddata ar y diwrnod hwnnw.
console-retention = Cadw data
console-delete-after = Dileu ar ôl
console-delete-after-hint = Diwrnod ar ôl heddiw (UTC). Gadewch yn wag a chadw i gadw'r gweithdy.
console-save-delete-after = Cadw'r diwrnod dileu

## settings.rs

console-settings = Gosodiadau
console-threshold-hint = Dim ond pan fydd o leiaf y nifer hwn o barau wedi gosod agwedd y mae'r taflunydd yn dangos ei dotiau.

## sheet.rs

console-sheet-none = Dim taflen wybodaeth: mae parau'n mynd yn syth i'r bwrdd ar ôl ymuno.
console-sheet-note = { $count ->
    [two] Mae parau'n cytuno i fersiwn { $version } o “{ $title }” ({ $count } ddatganiad) cyn i'r bwrdd agor.
   *[other] Mae parau'n cytuno i fersiwn { $version } o “{ $title }” ({ $count } datganiad) cyn i'r bwrdd agor.
}
console-sheet-saved = Wedi'i gadw: fersiwn { $version } yw'r un gyfredol. Gofynnir eto i barau a gytunodd i fersiwn gynharach pan fyddant yn agor eu sgrin nesaf.
console-sheet-unchanged = Heb newid: fersiwn { $version } yw'r daflen gyfredol eisoes, air am air.
console-sheet-heading = Taflen wybodaeth a chydsyniad
console-change-sheet = Newid y daflen…
console-add-sheet = Ychwanegu taflen wybodaeth…
console-version-hint = Mae newid y testun neu ddatganiad yn gofyn am fersiwn newydd, e.e. 2 ar ôl 1: yna gofynnir i'r parau gytuno eto.
console-save-sheet = Cadw'r daflen

## timer.rs

console-minutes-invalid = Munudau: rhif cyfan o 1 i { $max }.
console-minutes = Munudau
console-start-timer = Dechrau'r amserydd
console-pause-timer = Oedi'r amserydd
console-add-minute = Ychwanegu 1 munud
console-clear-timer = Clirio'r amserydd
console-resume-timer = Ailgychwyn yr amserydd
console-timer = Amserydd

# Group: domain (y brawddegau y mae'r cod cyffredin yn eu gwneud: gosodiadau, dilysu, y daflen wybodaeth, templedi, atebion yr API, grwpiau barn, yr ailchwarae).

## Gosodiadau'r sesiwn (domain/session.rs)

domain-switch-live-wall = Wal fyw: mae pawb yn gweld y lleoliadau wrth iddynt ddigwydd
domain-switch-share-pair-cards = Mae nodiadau gludiog y parau'n mynd ar hambwrdd pob pâr
domain-switch-name-notes = Dangos enwau'r parau gyda'r nodiadau ar y taflunydd
domain-switch-show-groups = Dangos grwpiau barn ar y taflunydd
domain-switch-export-references = Enwau parau mewn allforion: cyfeirnodau yn unig (wedi'u ffugenwi)
domain-switch-pair-results = Gall parau weld eu canlyniadau
domain-min-pairs-label = Trothwy preifatrwydd (parau)
domain-deadline-label = Terfyn amser tynnu'n ôl (dewisol)
domain-min-pairs-range = Trothwy preifatrwydd: nifer cyfan o barau o 1 i { $max }.
domain-deadline-past = Mae'r terfyn amser tynnu'n ôl { $day } yn y gorffennol (heddiw yw { $today } UTC). Dewiswch heddiw neu ddiwrnod diweddarach, neu gadewch y maes yn wag.
domain-deadline-not-a-date = Terfyn amser tynnu'n ôl: nid yw "{ $typed }" yn ddyddiad. Dewiswch ddiwrnod (BBBB-MM-DD) neu gadewch y maes yn wag.

## Dilysu (domain/validate.rs)

domain-input-empty = { $field }: mae'n wag; ysgrifennwch rywbeth.
domain-input-too-long = { $field }: mae'n rhy hir: { $len } nod, { $max } ar y mwyaf. Byrhewch ef.
domain-input-control-chars = { $field }: mae'n cynnwys nodau rheoli; teipiwch destun plaen.
domain-input-position = Rhaid i'r safle fod yn rhif o 0 i 100.
domain-input-aspect-count = Mae angen rhwng 1 a { $max } o agweddau ar weithdy; mae ganddo { $count }.
domain-input-duplicate-aspect = Mae'r agwedd "{ $text }" yn ymddangos ddwywaith; tynnwch un.
domain-field-title = Teitl
domain-field-site = Safle
domain-field-question = Cwestiwn
domain-field-left-pole = Pegwn chwith
domain-field-right-pole = Pegwn de
domain-field-aspect = Agwedd
domain-field-aspects = Agweddau
domain-field-post-it-text = Testun y nodyn gludiog
domain-field-pair-name = Enw'r pâr
domain-field-reason = Rheswm
domain-field-intended = Canlyniad bwriadol
domain-field-unintended = Canlyniad anfwriadol
domain-field-note = Nodyn
domain-field-sheet-title = Teitl y daflen
domain-field-sheet-version = Fersiwn y daflen
domain-field-sheet-text = Testun y daflen wybodaeth
domain-field-statements = Datganiadau cydsynio

## Y daflen wybodaeth (domain/consent.rs, components/sheet_editor.rs)

domain-sheet-no-title = Rhowch deitl i'r daflen wybodaeth, e.e. "Taflen wybodaeth i gyfranogwyr".
domain-sheet-no-version = Rhowch fersiwn i'r daflen wybodaeth, e.e. 1 neu 1.1, fel y mae eich astudiaeth yn ei rhifo.
domain-sheet-no-text = Ysgrifennwch neu gludwch destun y daflen wybodaeth: mae'r parau'n ei darllen cyn cytuno.
domain-sheet-text-too-long = Mae testun y daflen wybodaeth yn { $len } nod; mae lle i { $max } ar y mwyaf. Byrhewch ef, neu rhowch y pethau hanfodol yma a'r daflen lawn ar bapur.
domain-sheet-text-control = Mae testun y daflen wybodaeth yn cynnwys nodau rheoli; gludwch destun plaen.
domain-sheet-statement-too-long = Mae datganiad cydsynio { $n } yn { $len } nod; { $max } ar y mwyaf. Byrhewch ef.
domain-sheet-no-statements = Ychwanegwch o leiaf un datganiad cydsynio y mae pob person yn cytuno iddo, e.e. "Rwyf wedi darllen y daflen wybodaeth."
domain-sheet-too-many-statements = Mae gan daflen { $max } datganiad cydsynio ar y mwyaf; mae gan hon { $count }.
domain-sheet-version-changed = Mae gan fersiwn { $version } destun neu ddatganiadau gwahanol yn barod, ac efallai fod parau wedi cytuno iddi. Rhowch fersiwn newydd i'r daflen a newidiwyd, e.e. { $next }.
domain-sheet-version-earlier = Mae fersiwn { $version } yn fersiwn gynharach o'r daflen hon. Rhowch fersiwn i'r daflen nas defnyddiwyd o'r blaen, e.e. { $next }.
domain-sheet-default-title = Taflen wybodaeth i gyfranogwyr
domain-sheet-default-read = Rwyf wedi darllen y daflen wybodaeth ac wedi cael cyfle i ofyn cwestiynau.
domain-sheet-default-withdraw = Rwy'n deall y gallaf dynnu cyfraniadau fy mhâr yn ôl hyd at y dyddiad sydd ar y daflen.
domain-sheet-default-agree = Rwy'n cytuno i gymryd rhan yn y gweithdy hwn.

## Ffeiliau templed (api/template.rs)

domain-template-too-large = Mae'r ffeil hon yn rhy fawr i fod yn dempled ({ $kib } KiB; ychydig KiB yw templed). Dewiswch ffeil a gadwyd gyda "Cadw fel templed".
domain-template-unreadable = Nid yw'r ffeil hon yn dempled y gellir ei ddarllen ({ $detail }). Dewiswch ffeil a gadwyd gyda "Cadw fel templed".
domain-template-format = Nid yw'r ffeil hon yn dempled Sbectrwm Disgresiwn (ei fformat yw "{ $format }"). Dewiswch ffeil a gadwyd gyda "Cadw fel templed".
domain-template-version = Mae gan y templed hwn fersiwn cynllun { $version }; mae'r fersiwn hon yn darllen fersiwn { $reads }. Cadwch y templed eto o weithdy ar y gweinydd hwn, neu diweddarwch y gweinydd.
domain-template-duplicate-aspect = Mae agwedd y templed { $id } wedi'i rhoi i ddwy agwedd; defnyddir pob agwedd o dempled unwaith. Llwythwch y ffeil dempled eto.
domain-template-misaligned = Nid yw dynodwyr agweddau'r templed yn cyfateb i'r agweddau ({ $aspects } agwedd, { $ids } dynodwr). Llwythwch y ffeil dempled eto.

## Atebion yr API (api/mod.rs)

domain-signed-out = Mae eich mewngofnodi wedi dod i ben neu mae'r allwedd weinyddol wedi newid. Mewngofnodwch eto.
domain-unreachable = Methu cyrraedd y gweinydd. Gwiriwch y cysylltiad Wi-Fi a rhowch gynnig arall arni.
domain-unexpected = Ni allai'r gweinydd wneud hynny (HTTP { $status }). Rhowch gynnig arall arni.
domain-retention-today = Caiff ei ddileu ar { $day } (heddiw)
domain-retention-tomorrow = Caiff ei ddileu ar { $day } (yfory)
domain-retention-in-days = Caiff ei ddileu ar { $day } (ymhen { $days ->
    [two] { $days } ddiwrnod
   *[other] { $days } diwrnod
})

## Grwpiau barn (domain/groups)

domain-stability-stable = cadarn
domain-stability-weak = gwan
domain-stability-unstable = ansad
domain-groups-too-few-pairs = Mae angen o leiaf { $need } pâr a osododd o leiaf hanner yr agweddau ar gyfer grwpiau barn (yma: { $have }).
domain-groups-too-few-aspects = Mae angen o leiaf { $min } agwedd ar gyfer grwpiau barn, pob un wedi'i gosod gan o leiaf { $pairs } pâr (yma: { $have }).
domain-groups-no-structure = Nid yw'r parau'n rhannu'n grwpiau clir (silwét gorau { $best }, o dan { $min }).

## Yr ailchwarae (domain/replay.rs)

domain-replay-since-first = { $time } ar ôl y newid cyntaf
domain-replay-facilitator = Yr hwylusydd
domain-replay-system = Y system
domain-replay-an-aspect = agwedd
domain-replay-a-pair = pâr
domain-replay-created = Creodd yr hwylusydd y gweithdy
domain-replay-other = { $who }: { $action }
domain-replay-joined = Ymunodd { $pair }
domain-replay-removed = Tynnodd yr hwylusydd { $pair } o'r gweithdy
domain-replay-withdrawn = Tynnodd pâr yn ôl o'r astudiaeth; dilëwyd ei waith
domain-replay-placed = { $who } a osododd { $aspect }
domain-replay-placed-at = { $who } a osododd { $aspect } ar { $position }
domain-replay-moved = { $who } a symudodd { $aspect }
domain-replay-moved-to = { $who } a symudodd { $aspect } i { $position }
domain-replay-unplaced = { $who } a dynnodd { $aspect } oddi ar y sbectrwm
domain-replay-cant-place = { $who } a farciodd { $aspect } yn “methu gosod / mae'n dibynnu”
domain-replay-notes = { $who } a gadwodd nodiadau ar { $aspect }
domain-replay-card-added = { $who } a ychwanegodd y nodyn gludiog “{ $text }”
domain-replay-hid = Cuddiodd yr hwylusydd { $aspect }
domain-replay-showed = Dangosodd yr hwylusydd { $aspect }
domain-replay-locked = Cloodd yr hwylusydd { $aspect }
domain-replay-unlocked = Datgloodd yr hwylusydd { $aspect }
domain-replay-reworded = Aileiriodd yr hwylusydd { $aspect }
domain-replay-merged = Cyfunodd yr hwylusydd { $from } i mewn i { $into }
domain-replay-revealed = Datgelodd yr hwylusydd y lleoliadau
domain-replay-started-placing = Dechreuodd yr hwylusydd y gosod
domain-replay-second-round = Dechreuodd yr hwylusydd yr ail rownd
domain-replay-closed = Caeodd yr hwylusydd y gweithdy
domain-replay-went-to = Aeth yr hwylusydd i “{ $phase }”
domain-replay-settings = Newidiodd yr hwylusydd y gosodiadau
domain-replay-timer = Newidiodd yr hwylusydd yr amserydd
domain-replay-timer-cleared = Cliriodd yr hwylusydd yr amserydd
domain-replay-focus = Newidiodd yr hwylusydd y sbotolau neu'r drefn
domain-replay-sheet-set = Gosododd yr hwylusydd fersiwn { $version } o'r daflen wybodaeth
domain-replay-consent = { $who } a gytunodd i fersiwn { $version } o'r daflen wybodaeth ({ $people ->
    [one] 1 person
    [two] 2 berson
    [few] { $people } pherson
    [many] { $people } pherson
   *[other] { $people } o bobl
})

# Grŵp: projector (y taflunydd, tudalen canlyniadau'r pâr, y sbotolau, grwpiau barn, llun yr ystafell, y blwch ymuno)

## Tudalen y taflunydd

projector-link-incomplete = Nid yw'r ddolen taflunydd hon yn gyflawn. Agorwch hi eto o gonsol yr hwylusydd.
projector-closed = Mae'r gweithdy hwn ar gau. Diolch!

## Canlyniadau pâr

results-back = ← Yn ôl i'n bwrdd
results-loading = Yn llwytho ein canlyniadau…
results-not-joined = Nid yw'r ddyfais hon wedi ymuno â gweithdy { $code }
results-only-joined-tablet = Dim ond y dabled yr ymunodd pâr â hi all agor ei ganlyniadau.
results-room = canolrif yr ystafell { $median }, hanner canol o { $q1 } i { $q3 } ({ $count ->
    [zero] ni osododd unrhyw bâr hi
    [one] gosododd { $count } pâr hi
    [two] gosododd { $count } bâr hi
    [few] gosododd { $count } phâr hi
    [many] gosododd { $count } phâr hi
   *[other] gosododd { $count } pâr hi
})
results-room-none = ni osododd unrhyw bâr hi
results-room-hidden = nid yw rhifau'r ystafell yn cael eu dangos: { $count ->
    [zero] ni osododd unrhyw bâr hi
    [one] gosododd { $count } pâr hi
    [two] gosododd { $count } bâr hi
    [few] gosododd { $count } phâr hi
    [many] gosododd { $count } phâr hi
   *[other] gosododd { $count } pâr hi
}, llai na { $min }
results-kept = Cadwon ni hi lle'r oedd hi yn yr ail rownd.
results-moved = Yn yr ail rownd symudon ni hi { $points } pwynt tuag at "{ $pole }".
results-intended = Bwriadedig:{" "}
results-unintended = Anfwriadedig:{" "}
results-kicker = Ein canlyniadau · { $pair } · { $site } · { $date }
results-key-own = {" "}ein safle{"  "}
results-key-band = {" "}hanner canol yr ystafell{"  "}
results-key-median = {" "}canolrif yr ystafell
results-key-rounds = {" "}(llinell uchaf rownd 1, llinell isaf rownd 2)
results-notes = Ein nodiadau
results-no-notes = Ni ysgrifennon ni unrhyw nodiadau.
results-reference = Ein cyfeirnod
results-reference-keep = {" "}— cadwch ef. Dyma sut mae'r tîm ymchwil yn dod o hyd i'n hatebion heb ein henwau: rhowch ef iddynt i dynnu'n ôl o'r astudiaeth, a chaiff popeth a wnaeth y pâr hwn ei ddileu.
results-no-reference = Nid oes gan y pâr hwn gyfeirnod (ymunodd cyn bod cyfeirnodau'n bodoli).
results-foot = { $count ->
    [zero] Ni chymerodd unrhyw bâr ran.
    [one] Cymerodd { $count } pâr ran.
    [two] Cymerodd { $count } bâr ran.
    [few] Cymerodd { $count } phâr ran.
    [many] Cymerodd { $count } phâr ran.
   *[other] Cymerodd { $count } pâr ran.
} Canolrif a hanner canol yr ystafell yw rhai summary.csv y gweithdy; dim ond lle gosododd o leiaf { $min } pâr yr agwedd y dangosir rhifau'r ystafell.
results-print = Argraffu neu gadw fel PDF
results-round = Rownd { $round }:{" "}
results-spoken = rhoesom ni hi ar { $place }; { $room }.
results-we-put-it-at = rhoesom ni hi ar{" "}

## Y sbotolau

spotlight-a-pair = Pâr
spotlight-label = Sbotolau: { $text }
spotlight-kicker = Dan y sbotolau
spotlight-placed = { $count ->
    [zero] Ni osododd unrhyw bâr hi
    [one] Gosododd { $count } pâr hi
    [two] Gosododd { $count } bâr hi
    [few] Gosododd { $count } phâr hi
    [many] Gosododd { $count } phâr hi
   *[other] Gosododd { $count } pâr hi
}
spotlight-summary = {" "}· canolrif { $median } · hanner canol { $q1 } i { $q3 }
spotlight-cant-place = {" "}· { $count ->
    [zero] { $count } pâr yn methu ei gosod
    [one] { $count } pâr yn methu ei gosod
    [two] { $count } bâr yn methu ei gosod
    [few] { $count } phâr yn methu ei gosod
    [many] { $count } phâr yn methu ei gosod
   *[other] { $count } pâr yn methu ei gosod
}
spotlight-cant-because = Methu ei gosod, oherwydd…
spotlight-outcomes = Canlyniadau cymaint â hyn o ddisgresiwn

## Llun yr ystafell

picture-private = Mae'r gosod yn breifat: mae'r ystafell yn gweld faint o barau a osododd bob agwedd, nid ble.
picture-spoken = Canolrif { $median }; hanner canol o { $q1 } i { $q3 }.
picture-spoken-waiting = Yn aros am fwy o barau.
picture-spoken-not-placed = Heb ei gosod eto.
picture-waiting = yn aros am fwy o barau
picture-placed = { $total ->
    [zero] { $count } o { $total } pâr wedi'i gosod
    [one] { $count } o { $total } pâr wedi'i gosod
    [two] { $count } o { $total } bâr wedi'i gosod
    [few] { $count } o { $total } phâr wedi'i gosod
    [many] { $count } o { $total } phâr wedi'i gosod
   *[other] { $count } o { $total } pâr wedi'i gosod
}
picture-cant-place = { $count ->
    [zero] { $count } pâr yn methu ei gosod
    [one] { $count } pâr yn methu ei gosod
    [two] { $count } bâr yn methu ei gosod
    [few] { $count } phâr yn methu ei gosod
    [many] { $count } phâr yn methu ei gosod
   *[other] { $count } pâr yn methu ei gosod
}
picture-split = Wedi'i rannu'n ddau wersyll
picture-movement = canolrif { $from } → { $to } · gwasgariad { $spread_from } → { $spread_to }

## Grwpiau barn

groups-title = Grwpiau barn
groups-head = Grŵp { $group } ({ $size ->
    [zero] { $size } pâr
    [one] { $size } pâr
    [two] { $size } bâr
    [few] { $size } phâr
    [many] { $size } phâr
   *[other] { $size } pâr
}, { $stability })
groups-stable = sefydlog
groups-weak = gwan
groups-unstable = ansefydlog
groups-caption = Ble rhoddodd pob grŵp yr agweddau (canolrif)
groups-aspect = Agwedd
groups-hint = Sefydlog: mae'r grŵp yn dod yn ôl pan gaiff y parau eu hailsamplu; gwan: patrwm, ond mae'n amheus pwy sy'n perthyn iddo; ansefydlog: mae'n chwalu (mae'r llyfr codau'n egluro).
groups-hidden = { $count ->
    [zero] Dim grwpiau llai wedi'u cuddio (trothwy preifatrwydd).
    [one] { $count } grŵp llai heb ei ddangos (trothwy preifatrwydd).
   *[other] { $count } grŵp llai heb eu dangos (trothwy preifatrwydd).
}
groups-too-few-pairs = Mae angen o leiaf { $need ->
    [zero] { $need } pâr
    [one] { $need } pâr
    [two] { $need } bâr
    [few] { $need } phâr
    [many] { $need } phâr
   *[other] { $need } pâr
} a osododd o leiaf hanner yr agweddau ar grwpiau barn (yma: { $have }).
groups-too-few-aspects = Mae angen o leiaf { $need } agwedd wedi'u gosod gan o leiaf { $by ->
    [zero] { $by } pâr
    [one] { $by } pâr
    [two] { $by } bâr
    [few] { $by } phâr
    [many] { $by } phâr
   *[other] { $by } pâr
} yr un ar grwpiau barn (yma: { $have }).
groups-no-structure = Nid yw'r parau'n rhannu'n grwpiau clir (silwét gorau { $best }, o dan { $min }).

## Y blwch ymuno

join-info-lead = Ymunwch â'r cod{" "}
join-info-lead-at = Ymunwch yn { $address }/join â'r cod{" "}
join-info-qr = Cod QR i ymuno

# Grŵp: research (ardal yr ymchwilwyr, y log archwilio, ailchwarae, cymharu gweithdai)

## Data ymchwil: pob sgrin o'r ardal

research-back = Yn ôl i'r data ymchwil
research-needs-key = Mae angen yr allwedd weinyddu ar gyfer hyn.{" "}
research-sign-in-at = Mewngofnodwch yn Data ymchwil
research-cancel = Canslo
research-workshop = Gweithdy
research-audit-log = Log archwilio
research-replay = Ailchwarae

## Data ymchwil: mewngofnodi

research-title = Data ymchwil
research-checking-access = Yn gwirio mynediad…
research-wrong-key = Nid yw'r allwedd weinyddu honno'n gywir. Defnyddiwch y ddolen ymchwilydd a argraffodd y gweinydd pan ddechreuodd gyntaf, neu'r allwedd yn y ffeil admin-key wrth ymyl y gronfa ddata.
research-type-key = Teipiwch yr allwedd weinyddu.
research-signed-out = Wedi allgofnodi.
research-sign-in = Mewngofnodi
research-signing-in = Yn mewngofnodi…
research-admin-key = Allwedd weinyddu
research-admin-key-hint = Mae'r allwedd yn y ffeil admin-key wrth ymyl y gronfa ddata, ac yn y ddolen ymchwilydd a argraffodd y gweinydd pan ddechreuodd gyntaf.

## Data ymchwil: y rhestr

research-closed-status = Wedi cau “{ $title }” ({ $site }, { $date }).
research-deleted-status = Wedi dileu “{ $title }” ({ $site }, { $date }).
research-close-question = Cau “{ $title }” ({ $site }, { $date })? Bydd pob sgrin yn yr ystafell yn dangos ei fod ar gau ac ni all parau newid dim mwyach; gall yr hwylusydd ei ailagor o'r consol.
research-delete-question = Dileu “{ $title }” ({ $site }, { $date }) a'i holl ddata? Does dim modd dadwneud hyn.
research-kept = Yn cael ei gadw
research-retention-soon = Cyn bo hir: { $when }
research-workshops-count = { $all ->
    [zero] Dim gweithdai.
    [one] { $all } gweithdy.
    [two] { $all } weithdy.
    [few] { $all } gweithdy.
    [many] { $all } gweithdy.
   *[other] { $all } gweithdy.
}
research-workshops-matching = { $all ->
    [one] { $shown } o { $all } gweithdy sy'n cyfateb i'r hidlwyr.
    [two] { $shown } o { $all } weithdy sy'n cyfateb i'r hidlwyr.
   *[other] { $shown } o { $all } gweithdy sy'n cyfateb i'r hidlwyr.
}
research-workshops = Gweithdai
research-sign-out = Allgofnodi
research-no-workshops = Dim gweithdai eto.
research-filters = Hidlwyr
research-site = Safle
research-all-sites = Pob safle
research-from = O
research-to = I
research-no-match = Does dim gweithdai'n cyfateb i'r hidlwyr hyn.
research-download-all = Lawrlwytho'r cyfan (zip)
research-download-all-hint = Pob gweithdy a ddangosir isod: ffolder i bob un, ynghyd â placements.csv a summary.csv ar draws pob un, gyda cholofnau site a workshop_id.
research-compare-selected = Cymharu'r rhai a ddewiswyd
research-compare-hint = Ticiwch ddau weithdy neu fwy (e.e. yr un agweddau mewn sawl safle) i gymharu eu canolrifau a'u chwartelau fesul agwedd.
research-table-caption = Gweithdai, y diweddaraf yn gyntaf
research-col-compare = Cymharu
research-col-title = Teitl
research-col-date = Dyddiad (UTC)
research-col-phase = Cam
research-col-pairs = Parau
research-col-aspects = Agweddau
research-col-placements = Lleoliadau
research-col-actions = Camau gweithredu
research-closing = Yn cau…
research-yes-close = Ie, cau
research-deleting = Yn dileu…
research-yes-delete = Ie, dileu
research-close-button = Cau…
research-delete-button = Dileu…
research-compare-tick = Cymharu “{ $title }” ({ $site })
research-withdrawal-until = Tynnu'n ôl tan { $day }
research-download-zip = Lawrlwytho (zip)
research-room-report = Adroddiad yr ystafell

## Data ymchwil: dolen consol

research-new-console-link-button = Dolen consol newydd…
research-new-console-link = Dolen consol newydd
research-new-console-link-question = Rhoi dolen consol newydd i “{ $title }”? Bydd y ddolen bresennol yn peidio â gweithio; bydd consol sydd ar agor nawr yn dal i redeg nes iddo ailgysylltu.
research-issuing = Yn creu'r ddolen…
research-yes-issue-link = Ie, rhoi dolen
research-console-link-shown = Dolen y consol (a ddangosir unwaith; rhowch hi i'r hwylusydd):{" "}

## Data ymchwil: mewnforio

research-import-choose-file = Dewiswch ffeil zip allforio'r gweithdy yn gyntaf.
research-imported = Wedi mewnforio “{ $title }” ({ $site }). Mae yn y rhestr isod; does ganddo ddim dolen consol nes i chi roi un iddo.
research-import = Mewnforio archif
research-import-hint = Gweithdy a allforiwyd o weinydd arall (ei “Lawrlwytho (zip)”). Caiff pob ffeil ei gwirio cyn creu dim; mae'r gweithdy'n cadw ei id ac yn allforio'r un tablau yma.
research-import-file = Archif y gweithdy (zip)
research-importing = Yn mewnforio…

## Data ymchwil: dileu ar ôl

research-kept-until-deleted = Caiff ei gadw nes i rywun ei ddileu.
research-retention-saved = Wedi cadw diwrnod dileu “{ $title }”. { $said }
research-delete-after-button = Dileu ar ôl…
research-delete-after-form = Dileu ar ôl, “{ $title }”
research-delete-after = Dileu ar ôl
research-delete-after-hint = Diwrnod ar ôl heddiw (UTC); os yw'n wag, caiff y gweithdy ei gadw nes i rywun ei ddileu.
research-saving = Yn cadw…
research-save = Cadw

## Data ymchwil: tynnu pâr yn ôl

research-withdraw-question = Tynnu pâr { $reference } yn ôl o “{ $title }” ({ $site })? Caiff ei label, ei leoliadau, ei nodiadau, ei resymau “methu gosod” a'r nodiadau gludiog a ysgrifennodd eu dileu o bob tabl, ystadegyn, siart, grŵp barn, adroddiad, ailchwarae ac allforio, fel pe na bai erioed wedi cymryd rhan; mae log y digwyddiadau'n cadw un rhes yn dweud bod pâr wedi tynnu'n ôl, heb ddim o'r hyn a ysgrifennodd. Does dim modd dadwneud hyn.
research-withdrawn = Wedi tynnu pâr { $reference } yn ôl o “{ $title }”: tynnwyd { $placements ->
    [zero] dim lleoliadau
    [one] { $placements } lleoliad
    [two] { $placements } leoliad
   *[other] { $placements } lleoliad
}, { $notes ->
    [zero] dim nodiadau
   *[other] { $notes } nodyn
} a { $post_its ->
    [zero] dim nodiadau gludiog
   *[other] { $post_its } nodyn gludiog
}; mae'r ystadegau bellach yn cael eu cyfrifo o'r parau eraill.
research-type-reference = Teipiwch gyfeirnod y pâr: chwe llythyren a digid, e.e. R7K2QX.
research-not-a-reference = Nid yw “{ $typed }” yn gyfeirnod pâr: mae gan gyfeirnod chwe llythyren a digid, e.e. R7K2QX (mae llechen y pâr yn ei ddangos o dan “Ein cyfeirnod”; mae'r consol yn rhestru cyfeirnod pob pâr).
research-no-withdrawal-deadline = {" "}Does gan y gweithdy hwn ddim terfyn amser tynnu'n ôl.
research-withdrawal-deadline = {" "}Terfyn amser tynnu'n ôl: { $day } (UTC); ar ôl hynny, gwrthodir tynnu'n ôl.
research-withdraw-button = Tynnu pâr yn ôl…
research-withdraw-form = Tynnu pâr yn ôl o “{ $title }”
research-pair-reference = Cyfeirnod y pâr
research-withdraw-hint = Y chwe llythyren a digid a ddyfynnodd y cyfranogwr (mae eu llechen yn eu dangos o dan “Ein cyfeirnod”).
research-continue = Parhau
research-withdrawing = Yn tynnu'n ôl…
research-yes-withdraw = Ie, tynnu'n ôl
research-no-keep = Na, ei gadw

## Y log archwilio

audit-count-all = { $total ->
    [zero] Dim rhesi.
    [one] { $total } rhes, y diweddaraf yn gyntaf.
    [two] { $total } res, y diweddaraf yn gyntaf.
   *[other] { $total } rhes, y diweddaraf yn gyntaf.
}
audit-count-some = { $total ->
    [two] Yn dangos y { $shown } diweddaraf o { $total } res. Lawrlwythwch y log archwilio (CSV) i gael pob rhes.
   *[other] Yn dangos y { $shown } diweddaraf o { $total } rhes. Lawrlwythwch y log archwilio (CSV) i gael pob rhes.
}
audit-workshop-deleted = { $id } (wedi'i ddileu)
audit-intro = Pob lawrlwythiad, golwg a newid i'r data ymchwil, pob mewngofnodi i'r ardal hon, a phob dilead gan reol cadw'r gweinydd. Dim ond ychwanegu rhesi a wneir: ni all neb newid na dileu un. Cedwir cyfeiriadau fel eu rhwydwaith yn unig.
audit-loading = Yn llwytho'r log archwilio…
audit-open-again = , yna agorwch y log archwilio eto.
audit-filter = Hidlo
audit-all-workshops = Pob gweithdy
audit-download = Lawrlwytho'r log archwilio (CSV)
audit-nothing = Dim wedi'i gofnodi eto.
audit-caption = Log archwilio, y diweddaraf yn gyntaf
audit-col-time = Amser (UTC)
audit-col-who = Pwy
audit-col-what = Beth
audit-col-detail = Manylion
audit-col-network = Rhwydwaith

## Ailchwarae

replay-before-any-change = Cyn unrhyw newid: y gweithdy fel y'i crëwyd.
replay-incomplete-link = Nid yw'r ddolen ailchwarae hon yn gyflawn: dylai orffen gydag id gweithdy.
replay-loading = Yn llwytho'r ailchwarae…
replay-open-again = , yna agorwch yr ailchwarae hwn eto.
replay-time = Amser
replay-moment = Eiliad
replay-changes-of = { $moment } o { $last } newid
replay-change-of = Newid { $moment } o { $last }
replay-previous = Y newid blaenorol
replay-next = Y newid nesaf
replay-pause = Oedi
replay-play = Chwarae
replay-phase = Cam: { $name } · Rownd { $round }

## Cymharu gweithdai

compare-title = Cymharu gweithdai
compare-loading = Yn llwytho…
compare-sign-in = Mewngofnodwch ar y dudalen data ymchwil
compare-come-back = , yna dewch yn ôl i'r ddolen hon.
compare-download-csv = Lawrlwytho'r gymhariaeth (CSV)
compare-download-zip = Lawrlwytho'r gweithdai hyn (zip)
compare-download-qdpx = Lawrlwytho eu nodiadau ar gyfer NVivo (.qdpx)
compare-round = Rownd
compare-round-n = Rownd { $round }
compare-last-round = Rownd olaf pob un
compare-matched-status = Wedi paru “{ $first }” â “{ $second }”.
compare-unmatched-status = Wedi dadbaru “{ $label }”.
compare-median = Canolrif
compare-table-heading = Canolrifau a chwartelau fesul safle
compare-aspect = Agwedd
compare-matching = Paru
compare-match-with-label = Paru “{ $label }” â…
compare-match-with = Paru â…
compare-match = Paru
compare-matched-by-hand = Wedi'i baru â llaw
compare-unmatch = Dadbaru
compare-chart-label = Canolrif a chwartelau { $groups } grŵp o agweddau yn { $sites }, o { $left } (0) i { $right } (100). Mae'r rhifau yn y tabl isod.
compare-groups-heading = Grwpiau barn (rownd 1)
compare-groups-hint = Parau a osododd yr agweddau cyffredin yn debyg, beth bynnag eu safle: prif gydrannau, yna k-means gyda nifer y grwpiau wedi'i ddewis gan y silwét (mae llyfr codau'r allforio yn rhoi'r dull a'i drothwyon). Sefydlogrwydd grŵp yw pa mor aml y mae'n dod yn ôl pan gaiff y parau eu hailsamplu (bootstrap Hennig, 0–1): o 0.75 sefydlog, 0.6–0.75 gwan, o dan 0.6 ansefydlog.
compare-finding-groups = Yn chwilio am grwpiau…
compare-groups-summary = { $k } grŵp, silwét cymedrig { $silhouette }.
compare-groups-summary-left-out = { $k } grŵp, silwét cymedrig { $silhouette }; gosododd { $left_out } pâr rhy ychydig o agweddau ac maent wedi'u gadael allan.
compare-group-header = Grŵp { $group } ({ $word })
compare-group-members = Grŵp { $group } ({ $pairs } pâr, { $word }, sefydlogrwydd { $stability }):{" "}
compare-groups-caption = Safle canolrif pob grŵp, fesul agwedd

# Group: setup (gweithdy newydd, yr hafan, golygydd y daflen wybodaeth)

## Hafan

home-title = Sbectrwm Disgresiwn
home-lead = Mae parau'n gosod nodiadau gludiog ar sbectrwm o sefydlog i hyblyg, ac mae'r ystafell yn gweld ble rhoddodd pawb nhw.
home-start = Dechrau
home-new-workshop = Gweithdy newydd
home-join = Ymuno â gweithdy

## Gweithdy newydd

setup-heading = Gweithdy newydd
setup-title = Teitl
setup-site = Safle
setup-question = Cwestiwn
setup-left-pole = Pegwn chwith
setup-right-pole = Pegwn de
setup-delete-after = Dileu ar ôl
setup-delete-after-hint = Dewisol. Ar y diwrnod hwn (UTC) mae'r gweinydd yn dileu'r gweithdy a'i holl ddata, fel y mae "Dileu" yn ei wneud. Gadewch y maes yn wag i'w gadw nes bydd rhywun yn ei ddileu.
setup-withdrawal-deadline-hint = Y diwrnod olaf (UTC) y gall pâr ofyn o hyd i gael ei dynnu'n ôl gyda'i gyfeirnod; ar ôl hynny, gwrthodir tynnu'n ôl. Gadewch y maes yn wag i ganiatáu tynnu'n ôl unrhyw bryd.
setup-sheet-legend = Taflen wybodaeth a chydsyniad
setup-sheet-on = Dewisol. Mae pob person wrth dabled yn darllen y daflen ac yn cytuno, cyn i'r bwrdd agor.
setup-creating = Wrthi'n creu…
setup-create = Creu gweithdy

## Gweithdy newydd: agweddau a gosodiadau'r sesiwn

setup-aspects = Agweddau
setup-aspects-hint = Daw pob agwedd yn nodyn gludiog y mae pob pâr yn ei osod. Mae'r parau'n eu gweld yn y drefn hon.
setup-add-aspect = Ychwanegu agwedd
setup-aspect-n = Agwedd { $n }
setup-move-aspect-up = Symud agwedd { $n } i fyny
setup-move-aspect-down = Symud agwedd { $n } i lawr
setup-remove-aspect = Tynnu agwedd { $n }
setup-up = I fyny
setup-down = I lawr
setup-remove = Tynnu
setup-settings = Gosodiadau'r sesiwn
setup-settings-hint = Mae'r gosodiadau diofyn yn addas i'r rhan fwyaf o sesiynau; gallwch eu newid ar y consol unrhyw bryd.
setup-min-pairs-hint = Dim ond ar ôl i o leiaf y nifer hwn o barau osod agwedd y mae'r taflunydd yn dangos ei dotiau.

## Gweithdy newydd: dechrau o dempled neu o weithdy blaenorol

setup-start-from-heading = Dechrau o dempled neu o weithdy blaenorol
setup-start-from-hint = Yr un ymarfer ym mhob safle: dechreuwch o'r templed a gadwodd safle arall (“Cadw fel templed” ar ei gonsol), a bydd agweddau'r gweithdy hwn yn cael eu paru â'u rhai nhw pan gymherir y safleoedd.
setup-template-file = Dechrau o ffeil dempled
setup-earlier-heading = Dechrau o weithdy blaenorol
setup-earlier-checking = Wrthi'n chwilio am weithdai blaenorol ar y gweinydd hwn…
setup-earlier-signed-out = Mae gweithdai blaenorol y gweinydd hwn wedi'u rhestru yma ar gyfer ymchwilwyr:
setup-earlier-sign-in = mewngofnodwch yn /research
setup-earlier-signed-out-end = a dewch yn ôl i'r dudalen hon, neu defnyddiwch ffeil dempled.
setup-earlier-none = Nid oes gweithdai blaenorol ar y gweinydd hwn eto.
setup-use = Defnyddio
setup-use-label = Defnyddio: dechrau o “{ $name }”
setup-earlier-aspects = { $count ->
    [zero] dim agweddau
    [one] { $count } agwedd
    [two] { $count } agwedd
    [few] { $count } agwedd
    [many] { $count } agwedd
   *[other] { $count } o agweddau
}
setup-filled-from-file = Wedi'i lenwi o'r ffeil { $name }: “{ $title }”, { $count ->
    [zero] dim agweddau
    [one] { $count } agwedd
    [two] { $count } agwedd
    [few] { $count } agwedd
    [many] { $count } agwedd
   *[other] { $count } o agweddau
}. Teipiwch enw'r safle hwn isod a gwiriwch y gweddill. Mae'r agweddau rydych chi'n eu haralleirio yn aros wedi'u paru â rhai'r templed; mae'r agweddau rydych chi'n eu hychwanegu yn newydd.
setup-filled-from-workshop = Wedi'i lenwi o'r gweithdy yn { $site } ar { $date }: “{ $title }”, { $count ->
    [zero] dim agweddau
    [one] { $count } agwedd
    [two] { $count } agwedd
    [few] { $count } agwedd
    [many] { $count } agwedd
   *[other] { $count } o agweddau
}. Teipiwch enw'r safle hwn isod a gwiriwch y gweddill. Mae'r agweddau rydych chi'n eu haralleirio yn aros wedi'u paru â rhai'r templed; mae'r agweddau rydych chi'n eu hychwanegu yn newydd.
setup-file-unreadable = ni allai'r porwr ddarllen y ffeil

## Golygydd y daflen wybodaeth (gweithdy newydd a'r consol)

sheet-editor-title = Teitl y daflen
sheet-editor-version = Fersiwn y daflen
sheet-editor-text = Testun y daflen wybodaeth
sheet-editor-text-hint = Beth a ddywedir wrth y cyfranogwyr: yr astudiaeth, beth sy'n cael ei gofnodi, pwy sy'n ei weld, sut i dynnu'n ôl. Cedwir paragraffau; gwahanwch nhw â llinell wag.
sheet-editor-statements = Datganiadau cydsynio
sheet-editor-statements-hint = Mae pob person wrth dabled yn ticio pob datganiad cyn i'r bwrdd agor.
sheet-editor-statement-n = Datganiad { $n }
sheet-editor-remove-statement = Tynnu datganiad { $n }
sheet-editor-remove = Tynnu
sheet-editor-add-statement = Ychwanegu datganiad

## Cynnwys y gweithdy mewn ail iaith

domain-input-unknown-language = Nid yw “{ $code }” yn un o ieithoedd yr ap hwn: dewiswch un o'r rhestr.
domain-replay-second-language = Gosododd yr hwylusydd destunau'r gweithdy mewn ail iaith

## Room report (Adroddiad yr ystafell: server/src/research/report.rs, un i bob iaith)

report-title = Adroddiad yr ystafell: { $title }
report-kicker = Adroddiad yr ystafell · { $site } · { $date }
report-counts = { $pairs ->
    [zero] { $pairs } pâr
    [one] { $pairs } pâr
    [two] { $pairs } bâr
    [few] { $pairs } phâr
    [many] { $pairs } phâr
   *[other] { $pairs } pâr
}, { $aspects ->
    [zero] { $aspects } agwedd
    [one] { $aspects } agwedd
    [two] { $aspects } agwedd
    [few] { $aspects } agwedd
    [many] { $aspects } agwedd
   *[other] { $aspects } agwedd
}.
report-counts-two-rounds = { $pairs ->
    [zero] { $pairs } pâr
    [one] { $pairs } pâr
    [two] { $pairs } bâr
    [few] { $pairs } phâr
    [many] { $pairs } phâr
   *[other] { $pairs } pâr
}, { $aspects ->
    [zero] { $aspects } agwedd
    [one] { $aspects } agwedd
    [two] { $aspects } agwedd
    [few] { $aspects } agwedd
    [many] { $aspects } agwedd
   *[other] { $aspects } agwedd
}, dwy rownd.
report-picture-heading = Ble rhoddodd yr ystafell bob agwedd
report-picture-heading-round-2 = Ble rhoddodd yr ystafell bob agwedd (rownd 2)
report-col-aspect = Agwedd
report-col-pairs = Parau
report-col-median = Canolrif
report-col-middle-half = Hanner canol
report-col-split = Wedi'i rannu'n ddau wersyll
report-split-yes = ie
report-disagreed-heading = Lle roedd yr ystafell yn anghytuno fwyaf
report-disagreed-too-few = Gosododd rhy ychydig o barau yr un agweddau i ddweud.
report-disagreed-detail = consensws { $consensus } (0 = wedi'i rannu'n gyfartal, 1 = pawb gyda'i gilydd), hanner canol { $middle }.
report-disagreed-detail-split = consensws { $consensus } (0 = wedi'i rannu'n gyfartal, 1 = pawb gyda'i gilydd), hanner canol { $middle }, wedi'i rannu'n ddau wersyll.
report-movement-heading = Sut symudodd yr ystafell yn yr ail rownd
report-col-median-rounds = Canolrif, rownd 1 → 2
report-col-middle-half-change = Newid yn yr hanner canol
report-col-moved = Parau a'i symudodd fwy na 10
report-moved-of = { $moved } o { $paired }
report-groups-heading = Grwpiau barn
report-group-head = Grŵp { $group } ({ $size ->
    [zero] { $size } pâr
    [one] { $size } pâr
    [two] { $size } bâr
    [few] { $size } phâr
    [many] { $size } phâr
   *[other] { $size } pâr
}, { $stability })
report-groups-hidden = { $count ->
    [one] { $count } grŵp llai heb ei ddangos (trothwy preifatrwydd).
   *[other] { $count } grŵp llai heb eu dangos (trothwy preifatrwydd).
}
report-groups-hint = Safle canolrif pob grŵp fesul agwedd. Cadarn: mae'r grŵp yn dod yn ôl pan gaiff y parau eu hailsamplu; gwan: patrwm, ond mae'n amheus pwy sy'n perthyn iddo; ansad: mae'n chwalu.
report-notes-heading = Beth ysgrifennodd y parau
report-note-intended = Bwriadedig
report-note-unintended = Anfwriadedig
report-no-notes = Ni ysgrifennwyd unrhyw nodiadau.
report-notes-anonymous = Dangosir y nodiadau heb enwau'r parau, fel y gosodwyd y gweithdy.
report-footer = Gwnaed gan Sbectrwm Disgresiwn o gofnod y gweithdy. Canolrif a hanner canol (amrediad rhyngchwartel) fel yn summary.csv yr allforiad; mae'r llyfr codau yn yr allforiad yn diffinio pob rhif.
report-chart-title = { $title } — { $site } — rownd { $round }

## Refusals (domain/refusal.rs): yr hyn a ddywedir wrth bâr neu'r hwylusydd pan wrthodir newid

refusal-unknown-card = Nid yw'r nodyn gludiog hwnnw'n rhan o'r gweithdy hwn.
refusal-card-hidden = Mae'r hwylusydd wedi cuddio'r nodyn gludiog hwnnw.
refusal-card-merged = Cafodd y nodyn gludiog hwnnw ei gyfuno ag un arall.
refusal-pair-removed = Cafodd y pâr hwn ei dynnu o'r gweithdy.
refusal-consent-needed = Nid yw eich pâr wedi cytuno i fersiwn { $version } o'r daflen wybodaeth eto, felly ni chadwyd dim. Darllenwch hi ar y dabled hon a chytunwch (pob person) i barhau.
refusal-card-id-taken = Mae dynodydd y nodyn gludiog hwnnw wedi'i gymryd yn barod; ni ychwanegwyd dim.
refusal-too-many-pair-cards = Gall pâr ysgrifennu { $max } o nodiadau gludiog ar y mwyaf; siaradwch â'r hwylusydd.
refusal-locked = Mae'r hwylusydd wedi cloi'r agwedd hon; ni ellir ei symud nawr.
refusal-already-in-tray = Mae'r nodyn gludiog hwnnw yn yr hambwrdd yn barod.
refusal-too-many-cards = Mae gan y gweithdy hwn { $max } o nodiadau gludiog yn barod, y nifer fwyaf y gall eu dal.
refusal-closed-reopen = Mae'r gweithdy ar gau. Ailagorwch ef (un cam yn ôl) i newid unrhyw beth.
refusal-already-in-phase = Mae'r gweithdy yn y cam hwnnw'n barod.
refusal-second-round-too-soon = Daw ail rownd ar ôl i'r rownd gyntaf gael ei gosod a'i datgelu.
refusal-reveal-too-soon = Daw'r datgeliad ar ôl y gosod: dechreuwch y gosod yn gyntaf.
refusal-closed-reopens-one-step = Mae gweithdy sydd ar gau yn ailagor un cam yn ôl, i'r cam y caewyd ef ohono.
refusal-one-step = Mae'r camau'n mynd un ar y tro: { phase-joining }, { phase-placing }, { phase-reveal }, { phase-second-round }, { phase-closed }.
refusal-timer-range = Mae amserydd yn rhedeg am 1 i { $max } munud.
refusal-no-timer-running = Nid oes amserydd yn rhedeg.
refusal-no-timer-paused = Nid oes amserydd wedi'i oedi.
refusal-extend-range = Gellir estyn amserydd o 1 i { $max } munud.
refusal-no-timer-to-extend = Nid oes amserydd i'w estyn; dechreuwch un yn gyntaf.
refusal-no-timer = Nid oes amserydd.
refusal-merge-into-itself = Ni ellir cyfuno nodyn gludiog ag ef ei hun; dewiswch un arall i'w gyfuno ag ef.
refusal-merge-into-hidden = Dangoswch y nodyn gludiog hwnnw cyn cyfuno ag ef.
refusal-unknown-pair = Nid yw'r pâr hwnnw yn y gweithdy hwn.
refusal-withdraw-not-event = Mae tynnu pâr yn ôl yn dileu'r data sydd wedi'i storio amdano; ystafell y gweinydd yn unig sy'n gwneud hynny, nid fel digwyddiad.
refusal-no-sheet = Nid oes gan y gweithdy hwn daflen wybodaeth i gytuno iddi; ewch ymlaen i'r bwrdd.
refusal-sheet-changed = Newidiodd y daflen wybodaeth i fersiwn { $version } tra oeddech yn darllen. Darllenwch fersiwn { $version } a chytunwch eto.
refusal-people-count = Dywedwch faint o bobl sy'n rhannu'r dabled hon: 1 i { $max }.
refusal-everyone-must-tick = Rhaid i bob person dicio pob datganiad cyn i'r bwrdd agor; os nad ydych yn cytuno, dewiswch "{ consent-decline }".
refusal-nothing-to-decline = Nid oes gan y gweithdy hwn daflen wybodaeth, felly nid oes dim i'w wrthod. Ni newidiwyd dim.
refusal-already-agreed = Mae eich pâr eisoes wedi cytuno i'r daflen wybodaeth gyfredol. I adael yr astudiaeth, gofynnwch i'r hwylusydd dynnu eich pâr yn ôl (dyfynnwch eich cyfeirnod). Ni newidiwyd dim.
refusal-sheet-before-joining = Mae'r gweithdy hwn yn gofyn i bob person ddarllen ei daflen wybodaeth (fersiwn { $version }) a chytuno cyn ymuno. Ail-lwythwch y dudalen hon i'w gweld.
domain-switch-both-languages = Y taflunydd yn dangos y ddwy iaith
setup-second-legend = Ail iaith
setup-second-on = Hefyd mewn ail iaith
setup-second-hint = Mae pob tabled a thaflunydd yn dangos y testunau hyn yn ei iaith ei hun: mae testun a adawyd yn wag yn ymddangos yn yr iaith gyntaf.
setup-second-language = Ail iaith
setup-second-question = Y cwestiwn yn yr ail iaith
setup-second-left-pole = Y pegwn chwith yn yr ail iaith
setup-second-right-pole = Y pegwn de yn yr ail iaith
setup-second-aspect-n = Agwedd { $n } yn yr ail iaith
console-second-none = Mewn un iaith: mae pob sgrin yn dangos y testunau fel y'u hysgrifennwyd.
console-second-note = Hefyd yn { $language }: { $translated } o { $aspects ->
    [zero] { $aspects } agweddau
    [one] { $aspects } agwedd
    [two] { $aspects } agwedd
    [few] { $aspects } agwedd
    [many] { $aspects } agwedd
   *[other] { $aspects } o agweddau
}. Mae pob sgrin yn yr iaith honno yn dangos y testunau hyn.
console-second-add = Ychwanegu ail iaith
console-second-change = Newid yr ail iaith
console-second-remove = Dileu'r ail iaith
console-second-save = Cadw'r ail iaith

## Dyddiadau mewn brawddegau i bobl (mae data yn cadw dyddiau ISO)

date-long = { $day } { $month } { $year }
month-1 = Ionawr
month-2 = Chwefror
month-3 = Mawrth
month-4 = Ebrill
month-5 = Mai
month-6 = Mehefin
month-7 = Gorffennaf
month-8 = Awst
month-9 = Medi
month-10 = Hydref
month-11 = Tachwedd
month-12 = Rhagfyr

## Cynnwys cychwynnol ffurflen y gweithdy newydd (mae'r hwylusydd yn ei olygu)

default-question = Mewn gwasanaeth presgripsiynu cymdeithasol delfrydol, faint o ddisgresiwn ddylai fod gan weithwyr cyswllt dros…
default-left-pole = Sefydlog / wedi'i ragnodi
default-right-pole = Hyblyg / ymreolaethol
default-aspect-1 = Faint o apwyntiadau y gall claf eu cael
default-aspect-2 = Pa mor hir y mae pob apwyntiad yn para
default-aspect-3 = Ble mae pobl yn cael eu gweld
default-aspect-4 = "Dal" cleifion nes eu bod yn barod, ac am ba hyd
default-aspect-5 = Rhannu'r gofal gyda meddygon teulu am gleifion sy'n peri pryder
default-aspect-6 = Dod yn ôl i'r gwasanaeth am ragor o "haenau"
default-aspect-7 = Peidio ag eithrio neb, beth bynnag fo'u hanghenion
default-aspect-8 = Cydbwysedd llwyth achosion a llesiant gweithwyr cyswllt
default-aspect-9 = Amser yn y gymuned yn datblygu gweithgareddau a grwpiau
default-aspect-10 = Cefnogi gofalwyr ac aelodau o'r teulu
