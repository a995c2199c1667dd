"""build: which directories a build may replace, its lock, and the scratch folders of killed builds."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from mmptm_site.site.build import (
    SCRATCH_OWNER,
    SITE_MARKER,
    BuildRefused,
    lock_path,
    refusal,
    remove_stale_scratch,
    scratch_prefix,
    site_lock,
)


def marked(folder: Path, content: str = "old site\n") -> Path:
    folder.mkdir(parents=True)
    (folder / SITE_MARKER).write_text("built\n", encoding="utf-8")
    (folder / "index.html").write_text(content, encoding="utf-8")
    return folder


def scratch_of(site: Path, suffix: str, owner: Path | None = None) -> Path:
    """A scratch folder as a killed build of `owner` (default: `site`) leaves it."""
    folder = site.parent / f"{scratch_prefix(site)}{suffix}"
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "index.html").write_text("half written\n", encoding="utf-8")
    (folder / SCRATCH_OWNER).write_text(f"scratch folder of `mmptm-site build` for {owner or site}\n", encoding="utf-8")
    return folder


def test_absent_empty_and_marked_directories_may_be_replaced(tmp_path):
    sources = {"the data directory": tmp_path / "project" / "data"}
    (tmp_path / "empty").mkdir()
    marked(tmp_path / "site")
    for name in ("absent", "empty", "site"):
        assert refusal(tmp_path / name, sources) is None


def test_unmarked_files_sources_and_their_parents_are_refused(tmp_path):
    data = tmp_path / "project" / "data"
    data.mkdir(parents=True)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "file").write_text("mine\n", encoding="utf-8")
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / SITE_MARKER).symlink_to(tmp_path / "file")  # a marker must be a file of its own
    sources = {"the data directory": data}
    assert "it is or holds the data directory" in refusal(data, sources)
    assert "it is or holds the data directory" in refusal(tmp_path / "project", sources)
    marked(tmp_path / "project" / "inside")
    assert refusal(tmp_path / "project" / "inside", sources) is None  # beside the data is fine
    (tmp_path / "project" / SITE_MARKER).write_text("built\n", encoding="utf-8")
    assert "it is or holds the data directory" in refusal(tmp_path / "project", sources)  # marker or not
    assert "it is not empty and was not made by `mmptm-site build`" in refusal(tmp_path / "notes", sources)
    assert "it is not empty" in refusal(tmp_path / "fake", sources)
    assert refusal(tmp_path / "file", sources) == "it is not a directory"


def test_stale_scratch_folders_of_this_site_are_removed_and_no_others(tmp_path):
    site = marked(tmp_path / "site", "current\n")
    stale = scratch_of(site, "dead1")
    foreign = scratch_of(site, "other", owner=tmp_path / "elsewhere" / "site")
    unowned = tmp_path / f"{scratch_prefix(site)}unowned"
    unowned.mkdir()
    (unowned / "keep.txt").write_text("not a build's\n", encoding="utf-8")
    assert remove_stale_scratch(site) == [stale]
    assert foreign.is_dir() and unowned.is_dir() and not stale.exists()
    assert (site / "index.html").read_text(encoding="utf-8") == "current\n"


def test_a_build_killed_between_the_renames_of_its_swap_gets_its_old_site_back(tmp_path):
    site = tmp_path / "site"
    stale = scratch_of(site, "dead2")
    marked(stale / "previous", "the old site\n")  # moved aside; the new site was not yet moved in
    remove_stale_scratch(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "the old site\n"
    assert not stale.exists()


def test_the_lock_refuses_a_second_holder_and_is_removed_by_its_holder(tmp_path):
    site = tmp_path / "site"
    with site_lock(site, "site"):
        assert lock_path(site).read_text(encoding="utf-8").startswith("mmptm-site build, process ")
        refused = r"another build is writing site \(mmptm-site build, process \d+\)"
        with pytest.raises(BuildRefused, match=refused), site_lock(site, "site"):
            pass
        assert lock_path(site).exists()  # the refused build leaves the holder's lock alone
    assert not lock_path(site).exists()


def test_a_lock_file_left_by_a_killed_build_is_taken_over(tmp_path):
    site = tmp_path / "site"
    lock_path(site).write_text("mmptm-site build, process 999999\n", encoding="utf-8")  # nobody holds it
    with site_lock(site, "site"):
        pass
    assert not lock_path(site).exists()


def test_a_lock_taken_on_a_file_its_holder_has_removed_is_taken_again(tmp_path, monkeypatch):
    """Holder A removes the lock file while B has it open: B must lock the new file, not A's removed one."""
    site = tmp_path / "site"
    path = lock_path(site)
    real_flock = fcntl.flock
    swapped = []

    def flock_after_the_holder_left(descriptor, operation):
        if not swapped:  # as if A removed its file, and C made a new one, just before B's lock
            swapped.append(True)
            path.unlink()
            path.write_text("", encoding="utf-8")
        return real_flock(descriptor, operation)

    monkeypatch.setattr(fcntl, "flock", flock_after_the_holder_left)
    with site_lock(site, "site"), path.open("rb") as current, pytest.raises(BlockingIOError):
        real_flock(current, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails: the file in place is the one held
    assert len(swapped) == 1
