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
