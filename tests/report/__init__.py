"""Tests of the HTML report (``faqparse report``)."""
