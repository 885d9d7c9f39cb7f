//! A nesting-depth cap applied to HTML markup before any DOM is built.
//!
//! The HTML stack (html5ever, dom_query, dom_smoothie) recurses over the tree and walks
//! ancestors: a page of 150,000 nested `<b>` overflows the stack (an abort no
//! `catch_unwind` can stop) and 10,000 nested `<div>` take quadratic time. Real articles
//! nest a few dozen elements deep, so tags beyond [`DEFAULT_MAX_HTML_DEPTH`] are removed
//! from the markup (their text stays) by a linear scan that keeps no tree, before the
//! page is parsed. A page within the limit is passed on byte for byte.

use std::collections::HashMap;

/// Default [`crate::ReadOptions::max_html_depth`]: elements nested deeper than this are
/// flattened into their ancestor at this depth.
pub const DEFAULT_MAX_HTML_DEPTH: usize = 256;

/// What [`cap_depth`] did to a page that nested too deep.
#[derive(Debug)]
pub(crate) struct Flattened {
    /// The markup without the tags beyond the limit.
    pub html: String,
    /// Start and end tags removed.
    pub removed: usize,
}

/// Elements that do not add to the counted depth: void elements, elements the parser
/// closes when a sibling of the same kind starts (p, li, td…), and the document's own
/// html/head/body. The parser may nest some of these under a counted element (tables:
/// table > tbody > tr > td), so the real depth is at most about four times the counted
/// one.
fn uncounted(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"br"
            | b"col"
            | b"embed"
            | b"frame"
            | b"hr"
            | b"image"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"menuitem"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// Elements whose content is raw text up to their end tag.
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"textarea"
            | b"title"
    )
}

/// A tag found by the scanner.
struct Tag {
    /// Byte range of the whole tag, `<` to `>`.
    start: usize,
    end: usize,
    /// Lower-cased name (at most 32 bytes are kept; longer names are cut).
    name: Vec<u8>,
    closing: bool,
    self_closing: bool,
}

/// Remove the start and end tags of elements nested deeper than `max_depth`, keeping
/// everything else. `None` when the page never nests deeper (nothing to do).
///
/// Linear in the page: the open elements are a stack of name ids, and an end tag whose
/// name is not open (counted per name) is skipped without searching the stack.
pub(crate) fn cap_depth(html: &str, max_depth: usize) -> Option<Flattened> {
    let bytes = html.as_bytes();
    let mut names: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut stack: Vec<u32> = Vec::new();
    let mut open_count: Vec<u32> = Vec::new();
    // Open svg/math elements: inside them `<x/>` closes itself.
    let mut foreign = 0usize;
    let mut foreign_ids = [u32::MAX; 2];
    let mut removed: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let Some((tag, next)) = scan_tag(bytes, lt) else {
            i = next_after_markup(bytes, lt);
            continue;
        };
        i = next;
        if tag.closing {
            let Some(&id) = names.get(&tag.name) else {
                continue;
            };
            if open_count[id as usize] == 0 {
                continue;
            }
            // Pop up to and including the innermost open element of this name.
            let mut depth_of_match = 0;
            while let Some(top) = stack.pop() {
                open_count[top as usize] -= 1;
                if foreign_ids.contains(&top) {
                    foreign -= 1;
                }
                if top == id {
                    depth_of_match = stack.len();
                    break;
                }
            }
            if depth_of_match >= max_depth {
                removed.push((tag.start, tag.end));
            }
            continue;
        }
        if raw_text(&tag.name) && !tag.self_closing {
            i = skip_raw_text(bytes, i, &tag.name);
            continue;
        }
        if tag.name == b"plaintext" {
            break;
        }
        if uncounted(&tag.name) || (tag.self_closing && foreign > 0) {
            continue;
        }
        let next_id = names.len() as u32;
        let id = *names.entry(tag.name.clone()).or_insert(next_id);
        if id == next_id {
            open_count.push(0);
            if tag.name == b"svg" {
                foreign_ids[0] = id;
            } else if tag.name == b"math" {
                foreign_ids[1] = id;
            }
        }
        if foreign_ids.contains(&id) {
            foreign += 1;
        }
        if stack.len() >= max_depth {
            removed.push((tag.start, tag.end));
        }
        stack.push(id);
        open_count[id as usize] += 1;
    }
    if removed.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for &(start, end) in &removed {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Some(Flattened {
        html: out,
        removed: removed.len(),
    })
}

/// Parse the tag starting at `bytes[lt] == b'<'`: the tag and the index after it, or
/// `None` when this `<` does not start a start or end tag.
fn scan_tag(bytes: &[u8], lt: usize) -> Option<(Tag, usize)> {
    let mut j = lt + 1;
    let closing = bytes.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    if !bytes.get(j)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = j;
    while j < bytes.len()
        && !matches!(
            bytes[j],
            b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'
        )
    {
        j += 1;
    }
    let name: Vec<u8> = bytes[name_start..j.min(name_start + 32)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    // Attributes: quoted values may hold '>'.
    let mut last = 0u8;
    while j < bytes.len() {
        match bytes[j] {
            b'>' => {
                let tag = Tag {
                    start: lt,
                    end: j + 1,
                    name,
                    closing,
                    self_closing: last == b'/',
                };
                return Some((tag, j + 1));
            }
            b'=' => {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = bytes.get(j) {
                    j = memchr::memchr(q, &bytes[j + 1..]).map_or(bytes.len(), |p| j + 1 + p);
                }
                last = 0;
            }
            b if !b.is_ascii_whitespace() => last = b,
            _ => {}
        }
        j += 1;
    }
    // An unclosed tag at the end of the page: nothing follows it to nest.
    None
}

/// Where scanning goes on after a `<` that is not a tag: past a comment, doctype or
/// processing instruction, else just past the `<`.
fn next_after_markup(bytes: &[u8], lt: usize) -> usize {
    let rest = &bytes[lt..];
    let end = if rest.starts_with(b"<!--") {
        memchr::memmem::find(&rest[4..], b"-->").map(|p| 4 + p + 3)
    } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") || rest.starts_with(b"</") {
        memchr::memchr(b'>', rest).map(|p| p + 1)
    } else {
        Some(1)
    };
    end.map_or(bytes.len(), |e| lt + e)
}

/// Index of the `<` of the end tag `</name` (any case) at or after `from`, or the end.
fn skip_raw_text(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + p;
        let after = &bytes[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name) {
            return at;
        }
        i = at + 2;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_left_alone() {
        let page =
            "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul></div><br><img src=x></body></html>";
        assert!(cap_depth(page, 3).is_none());
    }

    #[test]
    fn tags_beyond_the_limit_go_and_their_text_stays() {
        let page = "<div><div><div><div>deep</div></div></div></div><p>after</p>";
        let f = cap_depth(page, 2).unwrap();
        assert_eq!(f.html, "<div><div>deep</div></div><p>after</p>");
        assert_eq!(f.removed, 4);
    }

    #[test]
    fn unclosed_inline_tags_are_cut() {
        let page = format!("<p>x</p>{}", "<b>".repeat(1000));
        let f = cap_depth(&page, 10).unwrap();
        assert_eq!(f.html, format!("<p>x</p>{}", "<b>".repeat(10)));
        assert_eq!(f.removed, 990);
    }

    #[test]
    fn markup_in_scripts_comments_and_attributes_is_not_counted() {
        let page = format!(
            "<script>{}</script><!-- {} --><div title='{}'>x</div><svg>{}</svg>",
            "<div>".repeat(50),
            "<div>".repeat(50),
            "<div>".repeat(50),
            "<path/>".repeat(50),
        );
        assert!(cap_depth(&page, 3).is_none());
    }

    #[test]
    fn stray_end_tags_do_not_unbalance_the_count() {
        let page = format!("{}<div>x</div>", "</span></b>".repeat(100));
        assert!(cap_depth(&page, 1).is_none());
        // An end tag closes the elements opened inside it, as the parser does.
        let page = format!(
            "{}<div><i>{}</i></div>",
            "<div><b>".repeat(3),
            "<b>".repeat(3)
        );
        let f = cap_depth(&page, 7).unwrap();
        let kept = format!("{}<div>{}</div>", "<div><b>".repeat(3), "");
        assert_eq!(f.html, kept);
        assert_eq!(f.removed, 5);
    }
}
