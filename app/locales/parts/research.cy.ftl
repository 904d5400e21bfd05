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
