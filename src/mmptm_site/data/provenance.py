"""Which of a record's sources are primary: the pages that may confirm its facts and its numbers.

Primary means the publication itself or its authors' own channels: a host of `data/sources.yaml`
(preprint servers, publishers, proceedings, DOIs, OpenReview), or a page of the record's own: under the owner
of its official code repository or of its weights on a code or model host (GitHub, Hugging Face…), or on
the host of its project page, its paper page, or a server of its own that releases its code or weights. Anything
else (digests, aggregators, mirrors, news) is secondary: it may have been consulted, but a page never
shows it as the confirmation, and a reviewed record needs at least one primary source.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from mmptm_site.data.schema import AUTHORS, Evaluator, ModelDraft, SourcePolicy

_OWNER_HOSTS = ("github.com", "huggingface.co", "gitlab.com", "modelscope.cn")
"""Hosts where the first path segment is the owner: a page there is the record's own when the owner is."""


_USER_PAGES = {"issues", "discussions", "pull", "pulls", "commits"}
"""Pages of a repository that its visitors write (issues, discussions, pull requests)."""


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").rstrip(".").removeprefix("www.")


def _owner(url: str) -> tuple[str, str] | None:
    """(host, owner) of a page on a code or model host, e.g. ('github.com', 'salesforce')."""
    host = _host(url)
    if host not in _OWNER_HOSTS:
        return None
    segments = [part for part in urlsplit(url).path.split("/") if part]
    if host == "huggingface.co" and segments[:1] == ["collections"]:
        segments = segments[1:]  # huggingface.co/collections/<owner>/…
    if not segments or (host == "huggingface.co" and segments[0] in ("papers", "spaces", "datasets", "blog")):
        return None
    if _USER_PAGES.intersection(segments[1:4]):  # anyone may write there: not the owner's word
        return None
    return host, segments[0].casefold()


def own_places(model: ModelDraft) -> tuple[set[tuple[str, str]], set[str]]:
    """The owners (on code and model hosts) and the hosts that are the record's own channels."""
    owners: set[tuple[str, str]] = set()
    hosts: set[str] = set()
    urls: list[str] = []
    if model.links:
        urls += [code.url for code in model.links.code if code.official]
        hosts |= {_host(url) for url in (model.links.project, model.links.paper) if url}
    urls += [w.url for w in [model.weights, *(v.weights for v in model.variants)] if w is not None and w.url]
    for url in urls:
        owner = _owner(url)
        if owner is not None:
            owners.add(owner)
        else:  # released from the authors' own server
            hosts.add(_host(url))
    hosts -= set(_OWNER_HOSTS)  # a project page on GitHub does not make all of GitHub the record's own
    return owners, hosts


def _on_primary_host(url: str, policy: SourcePolicy) -> bool:
    host = _host(url)
    return any(host == primary or host.endswith("." + primary) for primary in policy.primary_hosts)


def is_primary(url: str, model: ModelDraft, policy: SourcePolicy) -> bool:
    """Whether `url` is a primary source for facts of `model`."""
    if _on_primary_host(url, policy):
        return True
    owners, hosts = own_places(model)
    return _owner(url) in owners or _host(url) in hosts


def primary_sources(model: ModelDraft, policy: SourcePolicy | None) -> list[str]:
    """The record's sources that confirm its facts, in its order (all of them when there is no policy)."""
    if policy is None:
        return list(model.sources)
    return [url for url in model.sources if is_primary(url, model, policy)]


def is_primary_for_result(
    url: str,
    model: ModelDraft,
    evaluated_by: str,
    evaluator: Evaluator | None,
    evaluator_model: ModelDraft | None,
    policy: SourcePolicy,
) -> bool:
    """Whether a result's source URL is its primary publication: the model's own (for its authors' numbers),
    or the evaluator's (its own site or repository, or the catalogued model whose paper measured it)."""
    if is_primary(url, model, policy):
        return True
    if evaluated_by == AUTHORS or evaluator is None:
        return False
    if evaluator.url:
        owner = _owner(evaluator.url)
        if (owner is not None and _owner(url) == owner) or (owner is None and _host(url) == _host(evaluator.url)):
            return True
    return evaluator_model is not None and is_primary(url, evaluator_model, policy)
