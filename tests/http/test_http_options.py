"""HTTP options: SPEC §2.2 defaults and the TLS context they give."""

from __future__ import annotations

import ssl

import pytest

from gescom_sync import __version__
from gescom_sync.http import HttpOptions


def test_defaults_are_the_specifications():
    options = HttpOptions()
    assert (options.timeout, options.delay_ms, options.delay, options.max_tries) == (30.0, 25, 0.025, 3)
    assert options.user_agent == f"gescom-sync/{__version__}"
    assert (options.tls_min_version, options.verify, options.max_concurrency) == ("1.2", True, 1)


@pytest.mark.parametrize(("version", "expected"), [("1.2", ssl.TLSVersion.TLSv1_2), ("1.3", ssl.TLSVersion.TLSv1_3)])
def test_the_tls_context_enforces_the_minimum_version_and_checks_certificates(version, expected):
    context = HttpOptions(tls_min_version=version).ssl_context()
    assert context.minimum_version is expected
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname


def test_verify_false_still_enforces_the_minimum_version():
    context = HttpOptions(verify=False, tls_min_version="1.3").ssl_context()
    assert context.verify_mode is ssl.CERT_NONE and not context.check_hostname
    assert context.minimum_version is ssl.TLSVersion.TLSv1_3


@pytest.mark.parametrize("bad", [{"tls_min_version": "1.0"}, {"max_tries": 0}, {"max_concurrency": 0},
                                 {"timeout": 0}, {"delay_ms": -1}])
def test_impossible_values_are_refused(bad):
    with pytest.raises(ValueError):
        HttpOptions(**bad)
