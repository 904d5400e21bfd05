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
console-deadline-label = Terfyn amser tynnu'n ôl (dewisol)
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
console-retention-today = Caiff ei ddileu ar { $day } (heddiw): mae'r gweinydd yn dileu'r gweithdy a'i holl ddata ar y diwrnod hwnnw.
console-retention-tomorrow = Caiff ei ddileu ar { $day } (yfory): mae'r gweinydd yn dileu'r gweithdy a'i holl ddata ar y diwrnod hwnnw.
console-retention-in-days = { $days ->
    [two] Caiff ei ddileu ar { $day } (ymhen { $days } ddiwrnod): mae'r gweinydd yn dileu'r gweithdy a'i holl ddata ar y diwrnod hwnnw.
   *[other] Caiff ei ddileu ar { $day } (ymhen { $days } diwrnod): mae'r gweinydd yn dileu'r gweithdy a'i holl ddata ar y diwrnod hwnnw.
}
console-retention = Cadw data
console-delete-after = Dileu ar ôl
console-delete-after-hint = Diwrnod ar ôl heddiw (UTC). Gadewch yn wag a chadw i gadw'r gweithdy.
console-save-delete-after = Cadw'r diwrnod dileu

## settings.rs

console-settings = Gosodiadau
console-min-pairs-label = Trothwy preifatrwydd (parau)
console-switch-live-wall = Wal fyw: mae pawb yn gweld y lleoliadau wrth iddynt ddigwydd
console-switch-share-pair-cards = Mae nodiadau gludiog y parau'n mynd ar hambwrdd pob pâr
console-switch-name-notes = Dangos enwau'r parau gyda'r nodiadau ar y taflunydd
console-switch-show-groups = Dangos grwpiau barn ar y taflunydd
console-switch-export-references = Enwau parau mewn allforion: cyfeirnodau yn unig (wedi'u ffugenwi)
console-switch-pair-results = Gall parau weld eu canlyniadau
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
