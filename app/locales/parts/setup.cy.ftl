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
setup-withdrawal-deadline = Terfyn amser tynnu'n ôl (dewisol)
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
setup-min-pairs = Trothwy preifatrwydd (parau)
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
