"""Reading an Atom feed the way a feed reader does: parsed as XML with the standard library."""

import xml.etree.ElementTree as ET

NS = {"atom": "http://www.w3.org/2005/Atom"}


def read_feed(client, url):
    """The feed at `url` as {"title", "subtitle", "entries": [{title, link, summary, updated, published, author,
    categories}]}, after checking what Atom requires of the feed and of each entry (RFC 4287)."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own test server's answer)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"atom:{required}", namespaces=NS), required
    feed_has_author = root.find("atom:author/atom:name", NS) is not None
    entries = []
    for entry in root.findall("atom:entry", NS):
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"atom:{required}", namespaces=NS), required
        link = entry.find("atom:link[@rel='alternate']", NS)
        author = entry.findtext("atom:author/atom:name", namespaces=NS)
        assert feed_has_author or author
        entries.append(
            {
                "title": entry.findtext("atom:title", namespaces=NS),
                "link": link.get("href"),
                "summary": entry.findtext("atom:summary", namespaces=NS),
                "updated": entry.findtext("atom:updated", namespaces=NS),
                "published": entry.findtext("atom:published", namespaces=NS),
                "author": author,
                "categories": [c.get("term") for c in entry.findall("atom:category", NS)],
            }
        )
    return {
        "title": root.findtext("atom:title", namespaces=NS),
        "subtitle": root.findtext("atom:subtitle", namespaces=NS),
        "link": root.find("atom:link[@rel='alternate']", NS).get("href"),
        "entries": entries,
        "response": response,
    }


def titles(feed):
    return [entry["title"] for entry in feed["entries"]]
