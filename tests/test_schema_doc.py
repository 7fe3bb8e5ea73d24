"""The schema reference in sql/README.md is generated from load/models.py and kept current."""

from __future__ import annotations

import pytest

from load import schema_doc
from load.models import Base


def test_the_schema_reference_in_sql_readme_is_up_to_date():
    current = schema_doc.README.read_text(encoding="utf-8")
    assert schema_doc.updated_readme(current) == current, "run: python -m load.schema_doc"
    assert schema_doc.main(["--check"]) == 0


def test_every_table_and_column_has_a_meaning():
    reference = schema_doc.render_reference()
    for table in Base.metadata.tables.values():
        assert f"### `{table.name}`" in reference
        assert "(no description)" not in reference, table.name
        for column in table.columns:
            assert column.doc, f"{table.name}.{column.name} has no doc="
            assert f"| `{column.name}` |" in reference


def test_a_readme_without_markers_is_refused():
    with pytest.raises(schema_doc.SchemaDocError, match="lacks the schema reference markers"):
        schema_doc.updated_readme("# no markers here\n")
    stale = f"a\n{schema_doc.BEGIN}\nold\n{schema_doc.END}\nb\n"
    assert schema_doc.updated_readme(stale) == f"a\n{schema_doc.render_reference()}\nb\n"
