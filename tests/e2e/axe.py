"""axe-core in the browser tests: `assert_no_axe_violations(page)` runs axe on the
page as it is (WCAG 2.1 A/AA rules and axe's best practices) and fails with the list of
violations. axe-core comes from npm (package-lock.json; `make test-e2e` runs `npm ci`)."""

import json
from pathlib import Path

from tests.conftest import require

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page):
    require(AXE_JS.exists(), f"axe-core at {AXE_JS} (run `npm ci`)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [node["target"] for node in v["nodes"]][:5]}
            for v in result["violations"]]


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    if violations:
        print(f"axe violations on {page.url}:\n{json.dumps(violations, indent=2)}")
    assert violations == [], f"{page.url}: {[v['id'] for v in violations]}"
