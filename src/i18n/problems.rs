//! Sentences for data problems, naming the record and the field, in each language.

use crate::domain::model::{Lang, PlaceKind};
use crate::domain::problem::{Expected, Issue, Problem, ProblemGroup, Severity, Where};
use crate::i18n::group_digits;

fn kinds() -> String {
    let mut all: Vec<&str> = PlaceKind::ALL.iter().map(|k| k.as_str()).collect();
    all.push("area");
    all.join(", ")
}

fn expected_ja(e: Expected) -> &'static str {
    match e {
        Expected::Object => "オブジェクト",
        Expected::Array => "配列",
        Expected::String => "文字列",
        Expected::Text => "{ja, en} のテキスト",
        Expected::Integer => "整数",
        Expected::Number => "数値",
        Expected::Bool => "true か false",
        Expected::Coordinates => "[経度, 緯度]",
    }
}

fn where_text(w: &Where, lang: Lang) -> String {
    match (w, lang) {
        (Where::File, Lang::Ja) => "ファイル".to_owned(),
        (Where::File, Lang::En) => "The file".to_owned(),
        (Where::Source(id), Lang::Ja) => format!("出典「{id}」"),
        (Where::Source(id), Lang::En) => format!("Source “{id}”"),
        (Where::Record { index, id: Some(id) }, Lang::Ja) => format!("features[{index}]（id「{id}」）"),
        (Where::Record { index, id: Some(id) }, Lang::En) => format!("features[{index}] (id “{id}”)"),
        (Where::Record { index, id: None }, _) => format!("features[{index}]"),
        (Where::Support(index), _) => format!("meta.costs.support[{index}]"),
    }
}

fn issue_en(issue: &Issue) -> String {
    match issue {
        Issue::NotUtf8 { byte_offset, line } => format!(
            "is not UTF-8 text (line {line}, byte {}): save it as UTF-8 (in メモ帳 or VS Code, choose the encoding UTF-8 when saving; Shift_JIS and UTF-16 are not read)",
            group_digits(*byte_offset as u64 + 1)
        ),
        Issue::ByteOrderMark => "starts with a byte-order mark, which was skipped".into(),
        Issue::ProjectedCrs { name } => format!("names the coordinate system “{name}”, but the format takes longitude and latitude in WGS 84 (EPSG:4326), and reads every coordinate as such: convert it with `ogr2ogr -t_srs EPSG:4326 -lco RFC7946=YES new.geojson this.geojson` (in QGIS's OSGeo4W Shell on Windows)"),
        Issue::NotJson { line, column, detail } => match json_hint(detail, Lang::En) {
            Some(hint) => format!("is not valid JSON at line {line}, column {column}, or just before it: {hint}"),
            None => format!("is not valid JSON (line {line}, column {column})"),
        },
        Issue::TooLarge { bytes, max_bytes } => format!(
            "is {} bytes, more than the {} bytes this app reads",
            group_digits(*bytes as u64),
            group_digits(*max_bytes as u64)
        ),
        Issue::NotFeatureCollection => "is not a GeoJSON FeatureCollection with a “features” array".into(),
        Issue::TooManyFeatures { count, max } => {
            format!("has {} features, more than the {} this app reads", group_digits(*count as u64), group_digits(*max as u64))
        }
        Issue::UnsupportedVersion { found, supported } => format!(
            "uses format version {found}, newer than version {supported} which this app reads; update the app"
        ),
        Issue::Missing => "is missing".into(),
        Issue::DisplayedText { expected } => format!(
            "is text as a table shows it (“{}”), not {} itself: an export of displayed values writes it so, and the values inside are lost; take this member from the previous version of the file",
            clip_quote_en(*expected),
            expected.with_article()
        ),
        Issue::JsonInText { expected } => format!(
            "is text holding JSON; it should be {} itself, without the quotes around it (table editors and some exports save nested members as text)",
            expected.with_article()
        ),
        Issue::MetaMissing { places, figures } => {
            let lost = match (places, figures) {
                (0, 0) => String::new(),
                (p, 0) => format!(", so no source is known and the {} that name one are left out (each is listed)", count_en(*p, "record")),
                (0, f) => format!(", so no source is known and the {} that name one are left out (each is listed)", count_en(*f, "figure")),
                (p, f) => format!(
                    ", so no source is known and the {} and {} that name one are left out (each is listed)",
                    count_en(*p, "record"),
                    count_en(*f, "figure")
                ),
            };
            format!("is missing{lost}. A tool that keeps only the features drops it (geojson.io, an export): paste the meta block back from the previous version of the file")
        }
        Issue::NoPlaces => "holds no place: the map would be empty. A failed export writes such a file: publish the previous version instead, and save from QGIS with Save Layer Edits (docs/data-guide.md, 3.2)".into(),
        Issue::WrongType { expected } => format!("should be {}", expected.with_article()),
        Issue::Empty => "is empty".into(),
        Issue::TooLong { chars, max } => format!("is {chars} characters long; at most {max} are allowed"),
        Issue::InvalidId => "is not a valid id (lower-case letters, digits and single hyphens)".into(),
        Issue::DuplicateId { first_index } => format!("repeats the id of features[{first_index}]"),
        Issue::UnknownKind { found } => format!("“{found}” is not a known kind (one of {})", kinds()),
        Issue::UnknownPrecision { found } => {
            format!("“{found}” is not a known precision (exact, building, town, approximate)")
        }
        Issue::UnknownSource { found, nearest } => match nearest {
            Some(n) => format!("names the source “{found}”, which meta.sources does not list; did you mean “{n}”?"),
            None => format!("names the source “{found}”, which meta.sources does not list"),
        },
        Issue::UnknownField => "is not a field of format version 1".into(),
        // An https: address refused for how it reads says so: "not an https: link" was untrue.
        Issue::NotHttps { found } if found.starts_with("https://") => {
            format!("“{found}” is an https: link that does not read as what it opens (a user name before the host, invisible characters, or no host)")
        }
        Issue::NotHttps { found } => format!("“{found}” is not an https: link"),
        Issue::InvalidDate { found } => match dashed(found) {
            Some(date) => format!("“{found}” is not a date as the file writes them: write it as {date}"),
            None => format!("“{found}” is not a date (YYYY, YYYY-MM or YYYY-MM-DD, such as 2025-10-27)"),
        },
        Issue::NotFinite => "is not a finite number".into(),
        Issue::OutOfRange => "is outside the range of latitudes and longitudes".into(),
        Issue::LooksSwapped => "looks like [latitude, longitude]; GeoJSON wants [longitude, latitude]".into(),
        Issue::OutsideJapan => "is outside Japan".into(),
        Issue::OutsideNagaoka => "is outside Nagaoka (about latitude 37.2 to 37.7, longitude 138.6 to 139.1); check the numbers".into(),
        Issue::UnsupportedGeometry { found } => {
            format!("is “{found}”; places must be a Point, areas a Point, Polygon or MultiPolygon")
        }
        Issue::MissingTranslation => "is missing; the other language is shown".into(),
        Issue::NegativeOrTooLarge => "is negative or too large".into(),
        Issue::NotAFeature => "is not a GeoJSON Feature (\"type\" must be \"Feature\")".into(),
        Issue::InvalidVersion { found } => format!("“{found}” is not a format version (a whole number from 1)"),
        Issue::NumberOutOfRange { min, max } => format!("is outside the range {min} to {max}"),
        Issue::BadRing => "has a ring that is not closed or has fewer than 4 positions".into(),
        Issue::CrossedRing => "has a ring that crosses itself (its positions are out of order), so the area has no centre to show it at".into(),
        Issue::TooManyPositions { max } => format!("has more than {} positions", group_digits(*max as u64)),
    }
}

fn issue_ja(issue: &Issue) -> String {
    match issue {
        Issue::NotUtf8 { byte_offset, line } => format!(
            "が UTF-8 のテキストではありません（{line}行目、{}バイト目）。文字コードを UTF-8 にして保存してください（メモ帳や VS Code では保存時に「UTF-8」を選びます。Shift_JIS や UTF-16 は読めません）",
            group_digits(*byte_offset as u64 + 1)
        ),
        Issue::ByteOrderMark => "の先頭の BOM（バイト順マーク）を読み飛ばしました".into(),
        Issue::ProjectedCrs { name } => format!("が座標系「{name}」を指定していますが、この形式は WGS 84 の経度・緯度（EPSG:4326）だけを扱い、座標はすべてそのように読みます。`ogr2ogr -t_srs EPSG:4326 -lco RFC7946=YES new.geojson this.geojson` で変換してください（Windows では QGIS の OSGeo4W Shell で）"),
        Issue::NotJson { line, column, detail } => match json_hint(detail, Lang::Ja) {
            Some(hint) => format!("が正しい JSON ではありません（{line}行目{column}列目、またはその直前）。{hint}"),
            None => format!("が正しい JSON ではありません（{line}行目{column}列目）"),
        },
        Issue::TooLarge { bytes, max_bytes } => format!(
            "が{}バイトあり、読み込める上限（{}バイト）を超えています",
            group_digits(*bytes as u64),
            group_digits(*max_bytes as u64)
        ),
        Issue::NotFeatureCollection => "が「features」配列を持つ GeoJSON の FeatureCollection ではありません".into(),
        Issue::TooManyFeatures { count, max } => format!(
            "の地物が{}件あり、読み込める上限（{}件）を超えています",
            group_digits(*count as u64),
            group_digits(*max as u64)
        ),
        Issue::UnsupportedVersion { found, supported } => format!(
            "の形式バージョン {found} は、このアプリが読めるバージョン {supported} より新しいものです。アプリを更新してください"
        ),
        Issue::Missing => "がありません".into(),
        Issue::DisplayedText { expected } => format!(
            "が表の表示のままの文字列（「{}」）になっていて、{}そのものではありません。表示値でエクスポートするとこうなり、中の値は失われます。以前の版のファイルからこの項目をコピーして戻してください",
            clip_quote_en(*expected),
            expected_ja(*expected)
        ),
        Issue::JsonInText { expected } => format!(
            "が JSON を入れた文字列になっています。前後の引用符を外し、{}そのものとして書いてください（表形式の編集画面や一部のエクスポートは入れ子の項目を文字列で保存します）",
            expected_ja(*expected)
        ),
        Issue::MetaMissing { places, figures } => {
            let lost = match (places, figures) {
                (0, 0) => String::new(),
                (p, 0) => format!("。出典がひとつも分からないため、出典を指定している記録{p}件を表示しません（それぞれを下に示します）"),
                (0, f) => format!("。出典がひとつも分からないため、出典を指定している数値{f}件を表示しません（それぞれを下に示します）"),
                (p, f) => format!("。出典がひとつも分からないため、出典を指定している記録{p}件と数値{f}件を表示しません（それぞれを下に示します）"),
            };
            format!("がありません{lost}。地物だけを残すツール（geojson.io、エクスポート）は meta を削除します。以前の版のファイルから meta ブロックをコピーして貼り付けてください")
        }
        Issue::NoPlaces => "に場所がひとつもありません。このまま公開すると地図が空になります。エクスポートに失敗するとこのようなファイルができます。以前の版を公開し、QGIS では「レイヤの編集内容を保存」（Save Layer Edits）で保存してください（docs/data-guide.md の 3.2）".into(),
        Issue::WrongType { expected } => format!("は{}でなければなりません", expected_ja(*expected)),
        Issue::Empty => "が空です".into(),
        Issue::TooLong { chars, max } => format!("が{chars}文字あります（上限{max}文字）"),
        Issue::InvalidId => "が正しい id ではありません（使えるのは英小文字・数字・ハイフン。ハイフンは先頭・末尾に置けず、続けて使うこともできません）".into(),
        Issue::DuplicateId { first_index } => format!("が features[{first_index}] の id と重複しています"),
        Issue::UnknownKind { found } => format!("の「{found}」は使える種類ではありません（{} のいずれか）", kinds()),
        Issue::UnknownPrecision { found } => {
            format!("の「{found}」は使える精度ではありません（exact, building, town, approximate）")
        }
        Issue::UnknownSource { found, nearest } => match nearest {
            Some(n) => format!("の出典「{found}」が meta.sources にありません。「{n}」の誤りではありませんか"),
            None => format!("の出典「{found}」が meta.sources にありません"),
        },
        Issue::UnknownField => "は形式バージョン1の項目ではありません".into(),
        Issue::NotHttps { found } if found.starts_with("https://") => {
            format!("の「{found}」は開く先のとおりに読めない https: のリンクです（ホストの前のユーザー名、見えない文字、またはホストがない）")
        }
        Issue::NotHttps { found } => format!("の「{found}」は https: のリンクではありません"),
        Issue::InvalidDate { found } => match dashed(found) {
            Some(date) => format!("の「{found}」はこのファイルの日付の書き方ではありません。{date} と書いてください"),
            None => format!("の「{found}」は日付（YYYY、YYYY-MM、YYYY-MM-DD のいずれか。例：2025-10-27）ではありません"),
        },
        Issue::NotFinite => "が有限の数値ではありません".into(),
        Issue::OutOfRange => "が緯度・経度の範囲外です".into(),
        Issue::LooksSwapped => "が[緯度, 経度]の順になっているようです。GeoJSON では[経度, 緯度]の順です".into(),
        Issue::OutsideJapan => "が日本の範囲外です".into(),
        Issue::OutsideNagaoka => "が長岡市の範囲（およそ緯度37.2〜37.7、経度138.6〜139.1）の外です。数値を確かめてください".into(),
        Issue::UnsupportedGeometry { found } => {
            format!("が「{found}」です。場所は Point、地域は Point・Polygon・MultiPolygon でなければなりません")
        }
        Issue::MissingTranslation => "がありません。もう一方の言語で表示します".into(),
        Issue::NegativeOrTooLarge => "が負の数か、大きすぎる値です".into(),
        Issue::NotAFeature => "が GeoJSON の Feature ではありません（\"type\" を \"Feature\" にしてください）".into(),
        Issue::InvalidVersion { found } => format!("の「{found}」は形式バージョン（1以上の整数）ではありません"),
        Issue::NumberOutOfRange { min, max } => format!("が{min}から{max}の範囲外です"),
        Issue::BadRing => "に、閉じていないか、座標が4つ未満のリングがあります".into(),
        Issue::CrossedRing => "に、自分自身と交差するリングがあります（座標の順序が乱れています）。そのため地域の中心点を計算できません".into(),
        Issue::TooManyPositions { max } => format!("の座標が{}個を超えています", group_digits(*max as u64)),
    }
}

/// A date written with slashes or dots (2025/10/27, 2025.10): the same date as the file writes
/// dates, when that is one.
fn dashed(found: &str) -> Option<String> {
    let date = found.trim().replace(['/', '.'], "-");
    (date != found && crate::domain::fields::is_partial_date(&date)).then_some(date)
}

/// serde_json's words for a syntax error, and what they mean for someone editing the file by
/// hand, in English and Japanese; the first row whose words the message holds is taken.
const JSON_HINTS: [(&[&str], &str, &str); 8] = [
    (&["trailing comma"], "a comma stands just before a closing } or ]; remove it", "閉じ括弧 } や ] の直前に余分なカンマがあります。消してください"),
    (
        &["expected `,` or `}`", "expected `,` or `]`"],
        "a comma is missing between two members, or a quotation mark is not closed",
        "項目の間のカンマが抜けているか、引用符が閉じていません",
    ),
    (
        &["EOF while parsing"],
        "the file ends too early: a closing }, ] or quotation mark is missing",
        "ファイルが途中で終わっています。閉じ括弧 } や ]、または引用符が足りません",
    ),
    (
        &["key must be a string"],
        "a comma stands just before a closing } (remove it), or a member's name is not in double quotes, such as \"name\"",
        "閉じ括弧 } の直前に余分なカンマがあるか（消してください）、項目名が \"name\" のように二重引用符で囲まれていません",
    ),
    (
        &["expected `:`"],
        "a colon is missing after a member's name (a full-width ： does not count)",
        "項目名の後のコロン : がありません（全角の ： は使えません）",
    ),
    (
        &["expected value", "expected ident"],
        "a value is missing or is not JSON: a stray character, single quotes, or a full-width mark such as ： or ”",
        "値が抜けているか JSON ではありません（余分な文字、一重引用符、全角の ： や ” など）",
    ),
    (&["control character"], "a line break or tab inside a text must be written as \\n or \\t", "文字列の中の改行やタブは \\n、\\t と書いてください"),
    (&["trailing characters"], "more text follows the end of the data; remove it", "データの終わりの後に余分な文字があります。消してください"),
];

/// What serde_json's message says went wrong, in words for someone editing the file by hand.
fn json_hint(detail: &str, lang: Lang) -> Option<&'static str> {
    let (_, en, ja) = JSON_HINTS.iter().find(|(words, _, _)| words.iter().any(|w| detail.contains(w)))?;
    Some(match lang {
        Lang::En => en,
        Lang::Ja => ja,
    })
}

/// Whether a field names a part of a sourced figure (its value, date or source): a problem there
/// leaves out the whole figure, not only that part.
fn in_figure(field: &str) -> bool {
    (field.ends_with(".value") || field.ends_with(".as_of") || field.ends_with(".source")) && field.contains('.') && field != "properties.source"
}

fn consequence(p: &Problem, lang: Lang) -> &'static str {
    match (p.severity, &p.location, lang) {
        (Severity::Warning, _, _) if matches!(p.issue, Issue::MissingTranslation | Issue::ByteOrderMark | Issue::ProjectedCrs { .. }) => "",
        (Severity::Warning, _, Lang::En) if p.issue == Issue::OutsideNagaoka => " The place is shown where the numbers put it.",
        (Severity::Warning, _, Lang::Ja) if p.issue == Issue::OutsideNagaoka => "。この場所は入力された位置のまま地図に表示します。",
        (Severity::Warning, _, Lang::En) if in_figure(&p.field) => " The figure is not shown.",
        (Severity::Warning, _, Lang::Ja) if in_figure(&p.field) => "。この数値は表示しません。",
        (Severity::Warning, _, Lang::En) => " It is ignored.",
        (Severity::Warning, _, Lang::Ja) => "。この項目は無視します。",
        (Severity::Error, Where::Record { .. }, Lang::En) => " This place is not shown.",
        (Severity::Error, Where::Record { .. }, Lang::Ja) => "。この場所は表示しません。",
        (Severity::Error, Where::Source(_), Lang::En) => " This source is left out.",
        (Severity::Error, Where::Support(_), Lang::En) => " This scheme is not shown.",
        (Severity::Error, Where::Support(_), Lang::Ja) => "。この制度は表示しません。",
        (Severity::Error, Where::Source(_), Lang::Ja) => "。この出典は使いません。",
        (Severity::Error, Where::File, Lang::En) => "",
        (Severity::Error, Where::File, Lang::Ja) => "。",
        (Severity::Fatal, _, Lang::En) => " Nothing could be read from it.",
        (Severity::Fatal, _, Lang::Ja) => "。データを読み込めません。",
    }
}

/// One sentence saying where the problem is, which field, what is wrong and what was done about it.
pub fn describe_problem(p: &Problem, lang: Lang) -> String {
    let place = where_text(&p.location, lang);
    let what = match lang {
        Lang::En => issue_en(&p.issue),
        Lang::Ja => issue_ja(&p.issue),
    };
    let end = consequence(p, lang);
    let text = match (lang, p.field.is_empty()) {
        (Lang::En, true) => format!("{place} {what}.{end}"),
        (Lang::En, false) => format!("{place}, field {}: {what}.{end}", p.field),
        (Lang::Ja, true) => format!("{place}{what}{}", if end.is_empty() { "。" } else { end }),
        (Lang::Ja, false) => format!("{place}の {} {what}{}", p.field, if end.is_empty() { "。" } else { end }),
    };
    // Ids, fields and values come from the file: control characters in them must not reach a
    // terminal or forge a line of the validator's output.
    text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

/// What was done about a problem said of several records at once.
fn consequence_many(p: &Problem, lang: Lang) -> &'static str {
    match (p.severity, lang) {
        (Severity::Warning, _) if matches!(p.issue, Issue::MissingTranslation) => "",
        (Severity::Warning, Lang::En) if p.issue == Issue::OutsideNagaoka => " Each is shown where its numbers put it.",
        (Severity::Warning, Lang::Ja) if p.issue == Issue::OutsideNagaoka => "。どの場所も入力された位置のまま地図に表示します。",
        (Severity::Warning, Lang::En) if in_figure(&p.field) => " These figures are not shown.",
        (Severity::Warning, Lang::Ja) if in_figure(&p.field) => "。これらの数値は表示しません。",
        (Severity::Warning, Lang::En) => " It is ignored in each.",
        (Severity::Warning, Lang::Ja) => "。どの場所でもこの項目は無視します。",
        (_, Lang::En) => " These places are not shown.",
        (_, Lang::Ja) => "。これらの場所は表示しません。",
    }
}

/// How many records a group's list names before "and N more".
const GROUP_NAMED: usize = 5;

/// One sentence for a group of alike problems: how many records, which field, what is wrong, what
/// was done, and the first few records by name. A group of one is `describe_problem`'s sentence.
pub fn describe_group(g: &ProblemGroup<'_>, lang: Lang) -> String {
    let p = g.first;
    let n = g.places.len();
    if n < 2 {
        return describe_problem(p, lang);
    }
    let what = match lang {
        Lang::En => issue_en(&p.issue),
        Lang::Ja => issue_ja(&p.issue),
    };
    let end = consequence_many(p, lang);
    let named: Vec<String> = g.places.iter().take(GROUP_NAMED).map(|w| where_text(w, lang)).collect();
    let rest = n.saturating_sub(GROUP_NAMED);
    let count = group_digits(n as u64);
    let text = match lang {
        Lang::En => {
            let more = if rest > 0 { format!(", and {} more", group_digits(rest as u64)) } else { String::new() };
            let head = if p.field.is_empty() { format!("{count} places") } else { format!("{count} places, field {}:", p.field) };
            format!("{head} {what}.{end} ({}{more})", named.join("; "))
        }
        Lang::Ja => {
            let more = if rest > 0 { format!("ほか{}件", group_digits(rest as u64)) } else { String::new() };
            let head = if p.field.is_empty() { format!("{count}件の場所") } else { format!("{count}件の場所の {} ", p.field) };
            // The records are named inside the sentence they belong to, before its full stop.
            let end = if end.is_empty() { "。" } else { end };
            format!("{head}{what}（対象：{}{more}）{end}", named.join("、"))
        }
    };
    text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

/// "1 record", "56 records".
fn count_en(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{} {noun}s", group_digits(n as u64)) }
}

/// What a table's display of an `expected` looks like, for the message.
fn clip_quote_en(expected: Expected) -> &'static str {
    match expected {
        Expected::Text => "en: …, ja: …",
        _ => "name: …",
    }
}
