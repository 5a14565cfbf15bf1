"""Converts docs/openapi.yaml to JSON, and to a C++ source that embeds it.

    openapi_to_json.py docs/openapi.yaml out/openapi.json out/openapi_document.cc

The build runs it (src/api/CMakeLists.txt) so `weishang` serves the document
at GET /openapi.json; tests/e2e/openapi_test.py imports load() to read the
YAML exactly as the build does. Needs PyYAML (Debian: python3-yaml).

The YAML must be plain JSON data. What PyYAML would quietly turn into
something else is an error, reported with its line: a repeated key (the last
would win), an unquoted date (a datetime), and YAML 1.1's other booleans,
yes/no/on/off (`off: 1` would be the key false); only true and false are
booleans."""
import json
import re
import sys

import yaml


class _JsonDataLoader(yaml.SafeLoader):
    """A SafeLoader that refuses repeated keys and non-JSON scalars."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, "repeated key %r" % (key,), key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_BOOL = "tag:yaml.org,2002:bool"
_YAML11_BOOL = "tag:weishang:yaml11-bool"
_JsonDataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_JsonDataLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                      list("tTfF"))
_JsonDataLoader.add_implicit_resolver(
    _YAML11_BOOL, re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$"), list("yYnNoO"))


def _refuse(loader, node):
    what = {_YAML11_BOOL: "a YAML 1.1 boolean",
            "tag:yaml.org,2002:timestamp": "a date"}.get(node.tag, node.tag)
    raise yaml.constructor.ConstructorError(
        None, None, "%r reads as %s, not JSON data: quote it" % (node.value, what), node.start_mark)


for _tag in (_YAML11_BOOL, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary",
             "tag:yaml.org,2002:set", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs"):
    _JsonDataLoader.add_constructor(_tag, _refuse)


def _string_keys(value, where="#"):
    """Response codes written unquoted (200) are ints to YAML; JSON keys are strings."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, (str, int)) or isinstance(k, bool):
                raise ValueError("%s: key %r is neither a string nor a number" % (where, k))
            out[str(k)] = _string_keys(v, where + "/" + str(k))
        return out
    if isinstance(value, list):
        return [_string_keys(v, "%s/%d" % (where, i)) for i, v in enumerate(value)]
    return value


def load(path):
    """The document at `path` as JSON data (dicts, lists, strings, numbers, bools, None)."""
    with open(path, encoding="utf-8") as f:
        return _string_keys(yaml.load(f, Loader=_JsonDataLoader))


def to_json(document):
    """Compact UTF-8 JSON text, keys in the YAML's order."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def to_cpp(data):
    """A C++ source defining weishang::api::OpenApiJson() over `data` (bytes)."""
    rows = []
    for i in range(0, len(data), 24):
        rows.append("    " + ",".join("%d" % b for b in data[i:i + 24]) + ",")
    return (
        "// Generated from docs/openapi.yaml by cmake/openapi_to_json.py; do not edit.\n"
        '#include "api/openapi_document.h"\n'
        "\n"
        "namespace weishang::api {\n"
        "namespace {\n"
        "// The JSON's UTF-8 bytes (no terminating NUL).\n"
        "constexpr unsigned char kBytes[] = {\n" + "\n".join(rows) + "\n};\n"
        "}  // namespace\n"
        "\n"
        "std::string_view OpenApiJson() {\n"
        "  return {reinterpret_cast<const char*>(kBytes), sizeof kBytes};\n"
        "}\n"
        "\n"
        "}  // namespace weishang::api\n")


def _write_if_changed(path, text):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv):
    if len(argv) != 4:
        print("usage: openapi_to_json.py IN.yaml OUT.json OUT.cc", file=sys.stderr)
        return 2
    try:
        document = load(argv[1])
    except (yaml.YAMLError, ValueError) as e:
        print("%s: %s" % (argv[1], e), file=sys.stderr)
        return 1
    if not isinstance(document, dict) or "openapi" not in document:
        print("%s: not an OpenAPI document" % argv[1], file=sys.stderr)
        return 1
    text = to_json(document)
    _write_if_changed(argv[2], text + "\n")
    _write_if_changed(argv[3], to_cpp(text.encode("utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
