//! `Links::parse` on any text (the input, when it is UTF-8), and on a well-formed header built
//! from parts read from the same bytes; `Cursor::advance` on both (pagination must never follow a
//! `next` link outside the API root). Seeds are plain `Link` header values.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use github_deployment_status::pagination::{under, Cursor};
use github_deployment_status::{HttpResponse, Links};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Entry<'a> {
    url: &'a str,
    rels: Vec<Rel>,
    quoted: bool,
    upper: bool,
    extra_param: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
enum Rel {
    Next,
    Prev,
    Previous,
    First,
    Last,
    Other,
}

impl Rel {
    fn name(self) -> &'static str {
        match self {
            Rel::Next => "next",
            Rel::Prev => "prev",
            Rel::Previous => "previous",
            Rel::First => "first",
            Rel::Last => "last",
            Rel::Other => "alternate",
        }
    }
}

const BASE: &str = "https://api.github.com";

fuzz_target!(|data: &[u8]| {
    // Any text a server could send.
    if let Ok(text) = std::str::from_utf8(data) {
        check(text, None);
    }
    // A well-formed header (RFC 8288 as GitHub writes it): the parser must find what was put in.
    if let Ok(entries) = Vec::<Entry<'_>>::arbitrary_take_rest(Unstructured::new(data)) {
        let (header, expected) = build(&entries);
        check(&header, Some(expected));
    }
});

fn check(header: &str, expected: Option<Links>) {
    let links = Links::parse(header);

    for url in [&links.next, &links.prev, &links.first, &links.last]
        .into_iter()
        .flatten()
    {
        assert!(!url.is_empty(), "an empty URL was returned");
        assert!(!url.contains('>'), "a URL holds '>': {url:?}");
        assert_eq!(url.trim(), url, "a URL is not trimmed");
        assert!(
            header.contains(url.as_str()),
            "a URL that is not in the header: {url:?}"
        );
    }
    // Writing the parsed links back as a header and parsing that gives the same links.
    let mut again = String::new();
    for (url, rel) in [
        (&links.next, "next"),
        (&links.prev, "prev"),
        (&links.first, "first"),
        (&links.last, "last"),
    ] {
        if let Some(url) = url {
            again.push_str(&format!("<{url}>; rel=\"{rel}\", "));
        }
    }
    assert_eq!(Links::parse(&again), links, "re-parsing {again:?}");

    if let Some(expected) = expected {
        assert_eq!(links, expected, "header {header:?}");
    }

    // Pagination: a `next` it accepts always lies under the API root.
    let mut cursor = Cursor::new(BASE, format!("{BASE}/repos/o/r/deployments/1/statuses"));
    let page = HttpResponse {
        status: 200,
        url: String::new(),
        headers: vec![("link".to_owned(), header.to_owned())],
        body: String::new(),
    };
    match cursor.advance(&page, 1) {
        Ok(()) => {
            if let Some(next) = cursor.next_url() {
                assert!(under(BASE, next), "followed {next:?}");
                let rest = &next[BASE.len()..];
                assert!(rest.is_empty() || rest.starts_with('/') || rest.starts_with('?'));
            }
        }
        Err(error) => assert_eq!(error.name(), "DecodeError"),
    }
}

/// The header text for `entries`, and the links a correct parser reads from it.
fn build(entries: &[Entry<'_>]) -> (String, Links) {
    let mut header = String::new();
    let mut expected = Links::default();
    for (i, entry) in entries.iter().enumerate() {
        // URLs hold neither '<' nor '>' (RFC 3986 forbids both) and no surrounding space.
        let cleaned: String = entry
            .url
            .chars()
            .filter(|c| *c != '<' && *c != '>')
            .collect();
        let url = match cleaned.trim() {
            "" => format!("{BASE}/x?page={i}"),
            url => url.to_owned(),
        };
        if i > 0 {
            header.push_str(", ");
        }
        header.push('<');
        header.push_str(&url);
        header.push('>');
        if entry.extra_param {
            header.push_str("; title=\"page\"");
        }
        let rels: Vec<String> = entry
            .rels
            .iter()
            .map(|r| {
                if entry.upper {
                    r.name().to_ascii_uppercase()
                } else {
                    r.name().to_owned()
                }
            })
            .collect();
        if !rels.is_empty() {
            let value = rels.join(" ");
            if entry.quoted || rels.len() > 1 {
                header.push_str(&format!("; rel=\"{value}\""));
            } else {
                header.push_str(&format!("; rel={value}"));
            }
        }
        for rel in &entry.rels {
            let slot = match rel {
                Rel::Next => &mut expected.next,
                Rel::Prev | Rel::Previous => &mut expected.prev,
                Rel::First => &mut expected.first,
                Rel::Last => &mut expected.last,
                Rel::Other => continue,
            };
            if slot.is_none() {
                *slot = Some(url.clone());
            }
        }
    }
    (header, expected)
}
