//! Decimal text to `f64` without core's `f64::from_str`, whose Eisel-Lemire table alone is 10 kB
//! of the wasm: the number is checked against Rust's grammar and read by serde_json's reader,
//! which the app carries anyway.

/// What `s.parse::<f64>().ok()` gives, for the same inputs (sign, `.5`, `5.`, leading zeros,
/// exponent, `inf`/`infinity`/`nan` in any case). Digits beyond 17 significant ones may round
/// differently in the last bit (serde_json without `float_roundtrip`).
pub fn parse_f64(s: &str) -> Option<f64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let special = |w: &str| body.eq_ignore_ascii_case(w);
    if special("inf") || special("infinity") {
        return Some(if neg { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if special("nan") {
        return Some(f64::NAN);
    }
    let b = body.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    let int_len = digits(&mut i);
    let int = &body[int_start..int_start + int_len];
    let mut frac = "";
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f_start = i;
        let f_len = digits(&mut i);
        frac = &body[f_start..f_start + f_len];
    }
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut exp = "";
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let e_start = i + 1;
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
        exp = &body[e_start..i];
    }
    if i != b.len() {
        return None;
    }
    let int = int.trim_start_matches('0');
    let mut json = String::with_capacity(body.len() + 4);
    if neg {
        json.push('-');
    }
    json.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    if !exp.is_empty() {
        json.push('e');
        json.push_str(exp);
    }
    match serde_json::from_str::<f64>(&json) {
        Ok(v) => Some(v),
        // serde_json refuses a number beyond f64's range; Rust's parse gives infinity.
        Err(_) => Some(if neg { f64::NEG_INFINITY } else { f64::INFINITY }),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    #[test]
    fn agrees_with_std() {
        for s in [
            "0", "-0", "+1", "1.", ".5", "-.5", "007", "37.4462", "138.8513", "12", "1e3", "1E-3", "2.5e+2",
            "", ".", "-", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "0x10", "inf", "-Infinity", "NaN",
            "1e400", "-1e400", "1e-400", "123456789012345678", "0.1", "0.30000000000000004", "52800",
        ] {
            let want = s.parse::<f64>().ok();
            let got = parse_f64(s);
            match (want, got) {
                (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
                (a, b) => assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{s:?}"),
            }
        }
    }
}
