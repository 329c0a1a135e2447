//! Zenn embeds (`@[youtube](id)`, `@[card](url)`, …) and a URL alone in its paragraph, as
//! one-line cards: what service each is, what the card shows and the URL it links to (an
//! id-only embed gets the page URL it stands for).

/// A one-line card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Card {
    /// Video or slides (shown with a play mark) rather than a page.
    pub(crate) media: bool,
    /// The service's name, if the embed names one (`YouTube`, `GitHub`).
    pub(crate) service: Option<&'static str>,
    /// What the card shows: the id, or the URL without its scheme.
    pub(crate) shown: String,
    /// The URL the card's reference number points to.
    pub(crate) url: String,
}

/// The card for `@[name](target)`, or `None` for a name Zenn does not embed or an empty
/// target.
pub(crate) fn embed(name: &str, target: &str) -> Option<Card> {
    let target = target.trim();
    if target.is_empty() || target.contains(char::is_whitespace) {
        return None;
    }
    let is_url = is_url(target);
    let (media, service, page): (bool, Option<&'static str>, Option<&str>) = match name {
        "youtube" => (
            true,
            Some("YouTube"),
            Some("https://www.youtube.com/watch?v="),
        ),
        "speakerdeck" => (
            true,
            Some("Speaker Deck"),
            Some("https://speakerdeck.com/player/"),
        ),
        "slideshare" => (
            true,
            Some("SlideShare"),
            Some("https://www.slideshare.net/slideshow/embed_code/key/"),
        ),
        "docswell" => (true, Some("Docswell"), None),
        "tweet" => (false, Some("Tweet"), None),
        "figma" => (false, Some("Figma"), None),
        "github" => (false, Some("GitHub"), None),
        "gist" => (false, Some("Gist"), None),
        "codepen" => (false, Some("CodePen"), None),
        "codesandbox" => (false, Some("CodeSandbox"), None),
        "stackblitz" => (false, Some("StackBlitz"), None),
        "jsfiddle" => (false, Some("JSFiddle"), None),
        "blueprintue" => (false, Some("blueprintUE"), None),
        "card" => (false, None, None),
        _ => return None,
    };
    let (shown, url) = match page {
        Some(page) if !is_url => (target.to_string(), format!("{page}{target}")),
        _ => (without_host(service, short(target)), target.to_string()),
    };
    Some(Card {
        media,
        service,
        shown,
        url,
    })
}

/// The card for a paragraph whose whole text is `text`, if that is one http(s) URL. Zenn
/// embeds such a URL when it knows the site, so a card names the sites it does.
pub(crate) fn bare_url(text: &str) -> Option<Card> {
    let text = text.trim();
    if !is_url(text) || text.contains(char::is_whitespace) {
        return None;
    }
    let shown = short(text);
    let host = shown.split(['/', '?', '#']).next().unwrap_or_default();
    let (media, service) = match host {
        "youtube.com" | "m.youtube.com" | "youtu.be" => (true, Some("YouTube")),
        "speakerdeck.com" => (true, Some("Speaker Deck")),
        "docswell.com" => (true, Some("Docswell")),
        "twitter.com" | "x.com" if shown.contains("/status/") => (false, Some("Tweet")),
        "github.com" => (false, Some("GitHub")),
        "gist.github.com" => (false, Some("Gist")),
        _ => (false, None),
    };
    Some(Card {
        media,
        service,
        shown: without_host(service, shown),
        url: text.to_string(),
    })
}

/// A shown URL without its host when the host names the service the card already names
/// (`GitHub · o/r` rather than `GitHub · github.com/o/r`).
fn without_host(service: Option<&str>, shown: String) -> String {
    let Some(service) = service else {
        return shown;
    };
    let name = service.replace(' ', "").to_lowercase();
    match shown.split_once('/') {
        Some((host, path)) if host.contains(&name) && !path.is_empty() => path.to_string(),
        _ => shown,
    }
}

fn is_url(text: &str) -> bool {
    ["https://", "http://"]
        .iter()
        .any(|scheme| text.len() > scheme.len() && text.starts_with(scheme))
}

/// A URL as a card shows it: without the scheme, a leading `www.` and a trailing `/`.
fn short(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        url.to_string()
    } else {
        rest.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_only_embeds_link_to_the_page_they_stand_for() {
        let yt = embed("youtube", "dQw4w9WgXcQ").unwrap_or_else(|| panic!("no card"));
        assert!(yt.media);
        assert_eq!(yt.service, Some("YouTube"));
        assert_eq!(yt.shown, "dQw4w9WgXcQ");
        assert_eq!(yt.url, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        let deck = embed("speakerdeck", "abc123").map(|c| c.url);
        assert_eq!(
            deck.as_deref(),
            Some("https://speakerdeck.com/player/abc123")
        );
        let slides = embed("slideshare", "k3y").map(|c| c.url);
        assert_eq!(
            slides.as_deref(),
            Some("https://www.slideshare.net/slideshow/embed_code/key/k3y")
        );
        // Given a URL, an id-only kind links to it as written.
        let yt_url = embed("youtube", "https://youtu.be/x1").map(|c| (c.shown, c.url));
        assert_eq!(
            yt_url,
            Some(("youtu.be/x1".to_string(), "https://youtu.be/x1".to_string()))
        );
    }

    #[test]
    fn url_embeds_show_the_url_without_its_scheme() {
        let card = embed("card", "https://www.example.com/a/b/").unwrap_or_else(|| panic!());
        assert_eq!(card.service, None);
        assert_eq!(card.shown, "example.com/a/b");
        assert_eq!(card.url, "https://www.example.com/a/b/");
        let gh = embed("github", "https://github.com/o/r/blob/main/x.rs#L1-L3");
        let gh = gh.map(|c| (c.service, c.shown));
        assert_eq!(
            gh,
            Some((Some("GitHub"), "o/r/blob/main/x.rs#L1-L3".into()))
        );
        // A host that does not name the service stays.
        let tweet = embed("tweet", "https://x.com/u/status/1").map(|c| c.shown);
        assert_eq!(tweet.as_deref(), Some("x.com/u/status/1"));
        assert_eq!(embed("tweet", ""), None);
        assert_eq!(embed("tweet", "a b"), None);
        assert_eq!(embed("alice", "https://example.com/alice"), None);
    }

    #[test]
    fn only_a_whole_url_is_a_bare_url() {
        assert_eq!(
            bare_url(" https://example.com/x ").map(|c| c.shown),
            Some("example.com/x".to_string())
        );
        assert_eq!(bare_url("see https://example.com"), None);
        let yt = bare_url("https://www.youtube.com/watch?v=abc").map(|c| (c.media, c.service));
        assert_eq!(yt, Some((true, Some("YouTube"))));
        let tweet = bare_url("https://x.com/u/status/9").and_then(|c| c.service);
        assert_eq!(tweet, Some("Tweet"));
        assert_eq!(bare_url("https://x.com/u").and_then(|c| c.service), None);
        let gh = bare_url("https://github.com/o/r").and_then(|c| c.service);
        assert_eq!(gh, Some("GitHub"));
        assert_eq!(bare_url("https://"), None);
        assert_eq!(bare_url("ftp://example.com"), None);
    }
}
