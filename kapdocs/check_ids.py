"""The health-check rule ids, known without importing the rules (the plan's `accepted_findings` are
checked against them on every load; importing the rules and the analysis would cost every command about
40 ms). A test keeps this list equal to `RULES`."""

RULE_IDS: tuple[str, ...] = (
    "content-account", "content-strategy", "content-needs", "content-contacts", "content-actions",
    "content-opportunities", "objective-not-smart", "objective-outside-period", "objective-is-action",
    "objective-outcome-only", "long-term-unsupported", "need-not-agreed", "need-incomplete", "need-no-offer",
    "strategy-not-validated", "customer-text-leak", "site-incomplete", "site-date-unaddressed",
    "optimism-sites", "no-advocate", "economic-buyer-missing", "economic-buyer-weak",
    "economic-buyer-outranked", "bow-tie", "blocker-no-plan", "policy-level-uncovered", "action-unlinked",
    "action-no-owner-or-date", "action-no-customer-owner", "action-overdue", "pipeline-coverage",
    "pipeline-no-early-stage", "optimism-probabilities", "risks-missing", "risk-no-contingency",
    "swot-unaddressed", "force-field-negative", "plan-stale", "no-qbr", "optimism-no-lowlights",
    "portfolio-weights",
)
