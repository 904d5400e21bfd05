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
