//! Numbers in Chinese text: Arabic and full-width digits, Chinese numerals
//! (〇一二三四五六七八九十百千万亿, 两, 零), 万/亿 scales, 第 ordinals,
//! 百分之 percentages, 周年 anniversaries and dates.

use super::{NumberMention, byte_at, digit_value, scan_arabic};

/// Characters that follow a numeral when it counts something (measure words
/// and units). A lone numeral character before anything else (一些, 统一,
/// 十分, 一是) is part of a word, not a number.
const MEASURE_WORDS: &str = "个次届项名位家人年月日号天条种批件座所倍岁周点元角米吨度台辆架艘部章节款类级轮场期份本篇首张股只头户间层支套笔例组队国省市县区村镇乡代季句段票枚颗棵亩克秒";

/// Whether `c` is a Chinese numeral character.
pub fn is_chinese_numeral(c: char) -> bool {
    "〇零一二两三四五六七八九十百千万亿".contains(c)
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese numeral written positionally (十五, 二十三, 一百零五,
/// 三千五百万, 3.5万亿 without the digits), or written digit by digit when it
/// contains 〇 (二〇二三). `None` when the characters do not form a number
/// (八八, 三五).
pub fn parse_chinese_numeral(numeral: &str) -> Option<f64> {
    if numeral.is_empty() {
        return None;
    }
    let all_digits = numeral.chars().all(|c| chinese_digit(c).is_some());
    if all_digits && numeral.chars().count() >= 2 {
        // Digit by digit (二〇二三) only when a zero shows that reading.
        if !numeral.contains('〇') {
            return None;
        }
        let mut value = 0f64;
        for c in numeral.chars() {
            value = value * 10.0 + f64::from(chinese_digit(c)?);
        }
        return Some(value);
    }
    let mut total = 0f64; // the part at and above 亿 (and 万 before a 亿)
    let mut section = 0f64; // below 万
    let mut pending: Option<f64> = None; // a digit waiting for its unit
    let mut last_unit = f64::INFINITY; // units must fall within a section
    for c in numeral.chars() {
        if let Some(digit) = chinese_digit(c) {
            if pending.is_some_and(|p| p != 0.0) && digit != 0 {
                return None; // two digits in a row: 三五
            }
            pending = Some(f64::from(digit));
            continue;
        }
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10.0,
                    '百' => 100.0,
                    _ => 1000.0,
                };
                if unit >= last_unit {
                    return None; // 十百, 百千
                }
                last_unit = unit;
                section += pending.take().filter(|&p| p != 0.0).unwrap_or(1.0) * unit;
            }
            '万' => {
                let part = section + pending.take().unwrap_or(0.0);
                total += if part == 0.0 { 1.0 } else { part } * 1e4;
                section = 0.0;
                last_unit = f64::INFINITY;
            }
            '亿' => {
                let part = total + section + pending.take().unwrap_or(0.0);
                total = if part == 0.0 { 1.0 } else { part } * 1e8;
                section = 0.0;
                last_unit = f64::INFINITY;
            }
            _ => return None,
        }
    }
    Some(total + section + pending.unwrap_or(0.0))
}

/// The scale of a 万/亿 suffix at char index `index` (万亿, 亿, 万, 千, 百),
/// and how many chars it takes.
fn scale_suffix(chars: &[(usize, char)], index: usize) -> Option<(f64, usize)> {
    let at = |k: usize| chars.get(index + k).map(|&(_, c)| c);
    match (at(0), at(1)) {
        (Some('万'), Some('亿')) => Some((1e12, 2)),
        (Some('亿'), _) => Some((1e8, 1)),
        (Some('万'), _) => Some((1e4, 1)),
        (Some('千'), _) => Some((1e3, 1)),
        (Some('百'), _) => Some((1e2, 1)),
        _ => None,
    }
}

/// A 万/亿 scale at char index `index`, possibly after 多 or 余 ("more
/// than": 1000多万 = more than 10 million), and how many chars it takes.
fn approximate_scale_suffix(chars: &[(usize, char)], index: usize) -> Option<(f64, usize)> {
    if let Some(scale) = scale_suffix(chars, index) {
        return Some(scale);
    }
    let approximate = chars
        .get(index)
        .is_some_and(|&(_, c)| c == '多' || c == '余');
    match scale_suffix(chars, index + 1) {
        Some((scale, width)) if approximate && scale >= 1e4 => Some((scale, width + 1)),
        _ => None,
    }
}

fn starts_with_at(chars: &[(usize, char)], index: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, c)| chars.get(index + k).is_some_and(|&(_, found)| found == c))
}

/// Every number in the Chinese text `text`, in order.
pub fn extract_chinese(text: &str) -> Vec<NumberMention> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // A mention of the chars `from..to`.
    let mention = |from: usize, to: usize, value: f64, weak: bool| NumberMention {
        span: byte_at(&chars, from, text.len())..byte_at(&chars, to, text.len()),
        value,
        weak,
    };
    let mut mentions = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index].1;
        let ordinal = index > 0 && chars[index - 1].1 == '第';
        let start = if ordinal { index - 1 } else { index };
        if digit_value(c).is_some() {
            let Some((mut end, mut value)) = scan_arabic(&chars, index) else {
                index += 1;
                continue;
            };
            if index > 0 && chars[index - 1].1.is_ascii_alphabetic() {
                // A code such as G20 or H7N9, as the English side reads it.
                index = end;
                continue;
            }
            if let Some((scale, width)) = approximate_scale_suffix(&chars, end) {
                value *= scale;
                end += width;
            }
            if chars.get(end).is_some_and(|&(_, c)| c == '%' || c == '％') {
                end += 1;
            }
            mentions.push(mention(start, end, value, false));
            index = end;
            continue;
        }
        if starts_with_at(&chars, index, "百分之") {
            let first = index + 3;
            let mut end = first;
            while chars
                .get(end)
                .is_some_and(|&(_, c)| is_chinese_numeral(c) || c == '点')
            {
                end += 1;
            }
            let numeral: String = chars[first..end].iter().map(|&(_, c)| c).collect();
            if let Some(value) = parse_with_decimal(&numeral) {
                mentions.push(mention(index, end, value, false));
                index = end;
                continue;
            }
            if let Some((end, value)) = scan_arabic(&chars, first) {
                let end = if chars.get(end).is_some_and(|&(_, c)| c == '%' || c == '％') {
                    end + 1
                } else {
                    end
                };
                mentions.push(mention(index, end, value, false));
                index = end;
                continue;
            }
            index += 3;
            continue;
        }
        if !is_chinese_numeral(c) {
            index += 1;
            continue;
        }
        let mut end = index;
        while chars.get(end).is_some_and(|&(_, c)| is_chinese_numeral(c)) {
            end += 1;
        }
        let numeral: String = chars[index..end].iter().map(|&(_, c)| c).collect();
        if let Some(plan) = five_year_plan(&numeral) {
            // 十四五: the 14th Five-Year Plan ("five" may be left unwritten).
            let five = end - 1;
            mentions.push(mention(start, five, plan, false));
            mentions.push(mention(five, end, 5.0, true));
            index = end;
            continue;
        }
        if let Some((value, (scale, width))) = parse_chinese_numeral(&numeral)
            .zip(approximate_scale_suffix(&chars, end))
            .filter(|_| chars.get(end).is_some_and(|&(_, c)| c == '多' || c == '余'))
        {
            // 十多万, 二十余亿: "more than 100,000", "more than 2 billion".
            let end = end + width;
            mentions.push(mention(start, end, value * scale, false));
            index = end;
            continue;
        }
        let next = chars.get(end).map(|&(_, c)| c);
        let counts_something = next.is_some_and(|c| MEASURE_WORDS.contains(c))
            || starts_with_at(&chars, end, "中全会")
            || starts_with_at(&chars, end, "周年");
        let stands_alone = end - index >= 2 && !is_idiom(&numeral, next);
        let value = parse_chinese_numeral(&numeral)
            // 二〇二三年 and other digit-by-digit years
            .or_else(|| {
                (next == Some('年'))
                    .then(|| digits_one_by_one(&numeral))
                    .flatten()
            });
        match value {
            Some(value) if ordinal || counts_something || stands_alone => {
                mentions.push(mention(start, end, value, value == 1.0 && !ordinal));
            }
            _ => {}
        }
        index = end;
    }
    mentions
}

/// Multi-character numerals that are words: 一一 (one by one), 千万 (by all
/// means, unless it counts something) and 万万 (absolutely).
fn is_idiom(numeral: &str, next: Option<char>) -> bool {
    let counts = next.is_some_and(|c| MEASURE_WORDS.contains(c));
    match numeral {
        "一一" | "万万" => true,
        "千万" => !counts,
        _ => false,
    }
}

/// The plan number of a Five-Year Plan abbreviation (十四五 = 14): a numeral
/// from 十一 to 二十 followed by 五 that is not itself a number.
fn five_year_plan(numeral: &str) -> Option<f64> {
    let plan = numeral.strip_suffix('五')?;
    if parse_chinese_numeral(numeral).is_some() || plan.chars().count() < 2 {
        return None;
    }
    parse_chinese_numeral(plan).filter(|plan| (11.0..=20.0).contains(plan))
}

fn digits_one_by_one(numeral: &str) -> Option<f64> {
    let mut value = 0f64;
    for c in numeral.chars() {
        value = value * 10.0 + f64::from(chinese_digit(c)?);
    }
    Some(value)
}

/// A Chinese numeral with an optional 点 decimal part (百分之三点五 = 3.5).
fn parse_with_decimal(numeral: &str) -> Option<f64> {
    match numeral.split_once('点') {
        None => parse_chinese_numeral(numeral),
        Some((whole, fraction)) => {
            let whole = parse_chinese_numeral(whole)?;
            let mut scale = 0.1;
            let mut value = whole;
            for c in fraction.chars() {
                value += f64::from(chinese_digit(c)?) * scale;
                scale /= 10.0;
            }
            Some(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<f64> {
        extract_chinese(text).into_iter().map(|m| m.value).collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        extract_chinese(text)
            .into_iter()
            .map(|m| &text[m.span])
            .collect()
    }

    #[test]
    fn positional_numerals() {
        for (numeral, value) in [
            ("十", 10.0),
            ("十五", 15.0),
            ("二十三", 23.0),
            ("一百零五", 105.0),
            ("两千", 2000.0),
            ("三千五百万", 35_000_000.0),
            ("一亿两千万", 120_000_000.0),
            ("三万亿", 3e12),
            ("五万三千", 53_000.0),
            ("一千零一十", 1010.0),
            ("四十", 40.0),
            ("零", 0.0),
            ("二〇二三", 2023.0),
        ] {
            assert_eq!(parse_chinese_numeral(numeral), Some(value), "{numeral}");
        }
        for not_a_number in ["八八", "三五", "十百", "", "一二"] {
            assert_eq!(parse_chinese_numeral(not_a_number), None, "{not_a_number}");
        }
    }

    #[test]
    fn arabic_digits_with_separators_decimals_and_full_width() {
        assert_eq!(values("共计1,234,567人"), [1_234_567.0]);
        assert_eq!(values("增长3.5倍"), [3.5]);
        assert_eq!(values("全年１２３个"), [123.0]);
        assert_eq!(values("分别为12，34"), [12.0, 34.0]);
    }

    #[test]
    fn wan_and_yi_scale_the_number_before_them() {
        assert_eq!(values("投资3.5万亿元"), [3.5e12]);
        assert_eq!(values("1.2亿人"), [1.2e8]);
        assert_eq!(values("5000万元"), [5e7]);
        assert_eq!(values("三千五百万元"), [3.5e7]);
        assert_eq!(spans("投资3.5万亿元"), ["3.5万亿"]);
    }

    #[test]
    fn ordinals_anniversaries_and_percentages() {
        assert_eq!(values("第九届全国人大"), [9.0]);
        assert_eq!(spans("第九届全国人大"), ["第九"]);
        assert_eq!(values("第三次全体会议"), [3.0]);
        assert_eq!(values("党的二十届三中全会"), [20.0, 3.0]);
        assert_eq!(values("建校四十周年"), [40.0]);
        assert_eq!(values("增长百分之五"), [5.0]);
        assert_eq!(values("百分之三点五"), [3.5]);
        assert_eq!(values("增长5%和６％"), [5.0, 6.0]);
        assert_eq!(spans("增长百分之五"), ["百分之五"]);
    }

    #[test]
    fn more_than_before_wan_and_yi_scales_the_number() {
        assert_eq!(values("1000多万户"), [1e7]);
        assert_eq!(values("企业300余万户"), [3e6]);
        assert_eq!(values("十多万人"), [1e5]);
        assert_eq!(values("二十余亿元"), [2e9]);
        assert_eq!(spans("1000多万户"), ["1000多万"]);
        // 多 not before a scale is not part of the number.
        assert_eq!(values("30多个"), [30.0]);
    }

    #[test]
    fn five_year_plan_abbreviations_are_the_plan_number() {
        assert_eq!(values("“十四五”规划"), [14.0, 5.0]);
        assert_eq!(spans("“十四五”规划"), ["十四", "五"]);
        assert!(
            extract_chinese("十四五")
                .iter()
                .any(|m| m.weak && m.value == 5.0)
        );
        assert_eq!(values("十五"), [15.0]);
    }

    #[test]
    fn dates() {
        assert_eq!(values("2023年8月4日"), [2023.0, 8.0, 4.0]);
        assert_eq!(values("二〇二三年八月四日"), [2023.0, 8.0, 4.0]);
    }

    #[test]
    fn numerals_inside_words_are_not_numbers() {
        for text in [
            "一些地方",
            "统一思想",
            "进一步",
            "十分重要",
            "一是加强",
            "八八战略",
            "之一",
            "一带一路",
            "千万不要",
        ] {
            assert!(values(text).is_empty(), "{text}: {:?}", values(text));
        }
        assert_eq!(values("两个确立"), [2.0]);
        assert!(extract_chinese("一个").iter().all(|m| m.weak));
    }
}
