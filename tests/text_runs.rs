//! Japanese runs in a text of another language get their own `lang`.

use nagaoka_map::domain::model::japanese_runs;

fn joined(runs: &[(bool, &str)]) -> String {
    runs.iter().map(|(_, t)| *t).collect()
}

#[test]
fn a_quoted_japanese_name_is_its_own_run() {
    let text = "Not the building: the point of “城内町二丁目” (Jonai-cho 2-chome).";
    let runs = japanese_runs(text);
    assert_eq!(
        runs,
        vec![
            (false, "Not the building: the point of “"),
            (true, "城内町二丁目"),
            (false, "” (Jonai-cho 2-chome)."),
        ]
    );
    assert_eq!(joined(&runs), text);
}

#[test]
fn runs_joined_by_punctuation_are_one_and_spaces_split_them() {
    let runs = japanese_runs("data/JR東/東日本旅客鉄道{上越新幹線,信越本線}_station_only.geojson");
    assert_eq!(
        runs,
        vec![(false, "data/JR"), (true, "東/東日本旅客鉄道{上越新幹線,信越本線"), (false, "}_station_only.geojson")]
    );
    let runs = japanese_runs("Teradomari 烏帽子平 1977-8, 寺泊");
    assert_eq!(runs, vec![(false, "Teradomari "), (true, "烏帽子平"), (false, " 1977-8, "), (true, "寺泊")]);
}

#[test]
fn kana_full_width_forms_and_iteration_marks_count_as_japanese() {
    assert_eq!(japanese_runs("ながおか"), vec![(true, "ながおか")]);
    assert_eq!(japanese_runs("ＮＵＴ"), vec![(true, "ＮＵＴ")]);
    assert_eq!(japanese_runs("x 々"), vec![(false, "x "), (true, "々")]);
}

#[test]
fn a_text_without_japanese_is_one_run_and_an_empty_text_one_empty_run() {
    assert_eq!(japanese_runs("Nagaoka Station"), vec![(false, "Nagaoka Station")]);
    assert_eq!(japanese_runs(""), vec![(false, "")]);
    // Accented Latin is not Japanese.
    assert_eq!(japanese_runs("Café “Ōte”"), vec![(false, "Café “Ōte”")]);
}
