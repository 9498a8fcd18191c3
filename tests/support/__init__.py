"""Helpers shared by the test modules (imported from here, never from another test module).

cli: the paths, ``run_htctl`` and ``assert_one_error_line``; archives: synthetic X exports;
stores: reading a store from the outside; publishing/training: a bot set up the way a stage
leaves it; serve and k8s_schemas: the serve process and the Kubernetes schemas. The fixtures
are pytest plugins (``*_fixtures.py``) registered in tests/conftest.py; fake servers live in
tests/servers/.
"""
