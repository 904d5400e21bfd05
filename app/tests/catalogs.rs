//! The catalog compiler (`build/catalogs.rs`, run by `build.rs`) refuses catalogs that the
//! code could not use, naming the file and the message: a message missing in a language, a
//! message only one language has, a variable the code does not give, a catalog that does not
//! name itself.

#[allow(dead_code)]
#[path = "../build/catalogs.rs"]
mod catalogs;

const ENGLISH: &str = "language-name = English\nlanguage-direction = ltr\n\
                       greeting = Hello\n\
                       pairs = { $count ->\n    [one] { $count } pair\n   *[other] { $count } pairs\n}\n";

fn compile(test: &str, welsh: &str) -> Result<String, Vec<String>> {
    let dir = std::env::temp_dir().join(format!("catalogs-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("en.ftl"), ENGLISH).unwrap();
    std::fs::write(dir.join("cy.ftl"), welsh).unwrap();
    let result = catalogs::compile_dir(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn errors(test: &str, welsh: &str) -> String {
    compile(test, welsh).expect_err("the compiler refuses these catalogs").join("\n")
}

#[test]
fn matching_catalogs_compile_to_a_function_per_message() {
    let welsh = "language-name = Cymraeg\nlanguage-direction = ltr\ngreeting = Helo\n\
                 pairs = { $count ->\n    [zero] Dim parau\n    [one] Un pâr\n   *[other] { $count } pâr\n}\n";
    let code = compile("matching", welsh).expect("these catalogs match");
    assert!(code.contains("pub fn greeting(l: Lang) -> &'static str"), "{code}");
    assert!(code.contains("pub fn pairs(l: Lang, count: impl Count) -> String"), "{code}");
    assert!(code.contains("\"Helo\""), "{code}");
}

#[test]
fn a_message_missing_in_a_language_fails() {
    let welsh = "language-name = Cymraeg\nlanguage-direction = ltr\ngreeting = Helo\n";
    let errors = errors("missing", welsh);
    assert!(errors.contains("locales/cy.ftl: message pairs is missing"), "{errors}");
}

#[test]
fn a_message_english_does_not_have_fails() {
    let welsh = "language-name = Cymraeg\nlanguage-direction = ltr\ngreeting = Helo\npairs = { $count } pâr\nextra = Ychwanegol\n";
    let errors = errors("extra", welsh);
    assert!(errors.contains("locales/cy.ftl: message extra is not in locales/en.ftl"), "{errors}");
}

#[test]
fn a_variable_the_code_does_not_give_fails() {
    let welsh =
        "language-name = Cymraeg\nlanguage-direction = ltr\ngreeting = Helo { $name }\npairs = { $count } pâr\n";
    let errors = errors("variable", welsh);
    assert!(errors.contains("message greeting uses $name, which the code does not give"), "{errors}");
}

#[test]
fn a_catalog_must_name_itself_and_its_direction() {
    let welsh = "language-direction = sideways\ngreeting = Helo\npairs = { $count } pâr\n";
    let errors = errors("name", welsh);
    assert!(errors.contains("locales/cy.ftl: needs `language-name"), "{errors}");
}

#[test]
fn an_unknown_plural_category_fails() {
    let welsh = "language-name = Cymraeg\nlanguage-direction = ltr\ngreeting = Helo\n\
                 pairs = { $count ->\n    [lots] llawer\n   *[other] { $count } pâr\n}\n";
    let errors = errors("category", welsh);
    assert!(errors.contains("[lots] is not a plural category"), "{errors}");
}
