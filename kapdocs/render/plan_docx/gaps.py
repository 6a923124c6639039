"""The one-line notes that stand in for a part of the plan with no data yet.

Each says what to capture there and why it matters, then where it goes in the
plan file. The Word plan prints it after a bold "Not yet captured." so that a
first draft keeps every heading and shows the author what is missing.
"""

from __future__ import annotations

GAPS: dict[str, str] = {
    "summary": "Half a page on what we aim to achieve with this customer in the plan period and why the "
               "customer will respond: it is the part a director reads first. Plan file: plan.summary.",
    "performance": "Targets and actuals by period (and by site), so that everyone can see whether the plan "
                   "is on track before discussing what comes next. Plan file: performance.",
    "initiatives": "The initiatives already carried out and the value each delivered to the customer: the "
                   "evidence that the relationship pays. Plan file: initiatives.",
    "financial_targets": "This period's volume and profit targets, by site where possible, so the core team "
                         "works to the same numbers. Plan file: sites (volume_target, profit_target) or "
                         "performance.",
    "assumptions": "What the plan takes for granted (the customer's volumes, prices, timing of tenders); "
                   "if an assumption fails the plan must be revisited. Plan file: plan.assumptions.",
    "potential": "The customer's total volume and profit potential, to size our share and the headroom for "
                 "growth. Plan file: potential.",
    "relationship": "A short account of how the customer relates to us today, and where it is strong or "
                    "weak. Plan file: relationship.summary.",
    "competitors": "The key competitors at this customer, their position and their share of the spend, so "
                   "that the strategy answers them. Plan file: relationship.competitors.",
    "sites": "The customer's sites with our share of wallet, targets, main competitors, contract expiry and "
             "next tender, so that no renewal is missed. Plan file: sites.",
    "vision": "The customer's own vision and goals, checked with the customer: a plan built on our guess of "
              "them is built on sand. Plan file: customer_strategy.",
    "customer_swot": "The customer's strengths, weaknesses, opportunities and threats, seen from their side. "
                     "Plan file: environment.customer_swot.",
    "pestle": "The political, economic, social, technological, legal and environmental changes acting on "
              "the customer's business. Plan file: environment.pestle.",
    "five_forces": "Rivalry, new entrants, substitutes, buyer power and supplier power in the customer's "
                   "market: where its pressure comes from. Plan file: environment.five_forces.",
    "portfolio": "Weighted scores of the customer's attractiveness to us and of our strength as the customer "
                 "sees it, to place the account on the portfolio matrix and set the level of investment. "
                 "Plan file: portfolio.",
    "swot": "Our strengths, weaknesses, opportunities and threats with this customer, compared with the "
            "competition. Plan file: swot.",
    "core_team_input": "What each function of the core team can do to help the customer reach its goals. "
                       "Plan file: core_team_input.",
    "long_term": "Where we want to be with this customer in two to three years; this year's objectives "
                 "should each serve one of them. Plan file: objectives.long_term.",
    "smart": "This period's objectives, each specific, measurable, owned and dated, with a baseline and a "
             "target. Plan file: objectives.smart.",
    "needs": "The customer's needs and value drivers in their own words, prioritised and agreed with them: "
             "every action should serve one. Plan file: needs.",
    "value_proposition": "Our offer matched to each agreed need, with its value to the customer in money. "
                         "Plan file: value_proposition.",
    "csf": "How the customer judges its suppliers, with the weight of each factor and how we score, so "
           "that effort goes where it counts. Plan file: critical_success_factors.",
    "csf_competitors": "Each competitor's score on the customer's critical success factors, to see where we "
                       "lead and where we trail. Plan file: critical_success_factors[].competitors.",
    "dmu": "The customer's people with their buyer roles, influence and attitude to us: who decides, who "
           "filters, who uses and who advocates. Plan file: contacts.",
    "coverage": "Who on our side talks to whom on theirs, and how strongly, to check that every buyer role "
                "and level is covered. Plan file: relationships.",
    "team": "The core team: the people from each function who work on this account and what each is "
            "responsible for. Plan file: team.",
    "actions": "This period's actions, each with the need it serves, its target, due date, owners on both "
               "sides and the resources it needs. Plan file: actions.",
    "opportunities": "The live opportunities with their SPANCOP stage, value, expected close and next step. "
                     "Plan file: opportunities.",
    "top_big": "Once opportunities are listed, the five nearest to closing and the five largest appear here "
               "with their next steps. Plan file: opportunities.",
    "pipeline_coverage": "Opportunities weighted by probability, measured against the profit still to find "
                         "this period: is there enough pipeline to close the gap? Plan file: opportunities "
                         "and performance.",
    "risks": "What could stop the plan, how likely and how harmful each risk is, and the contingency for "
             "each. Plan file: risks.",
    "force_field": "The forces for and against the plan, each scored 1 to 5; the balance shows the chance "
                   "of success. Plan file: force_field.",
    "meetings": "The customer reviews (QBRs) and internal reviews that keep the plan alive, with their dates. "
                "Plan file: meetings.",
    "partnership": "Where we stand on the signs of a partnership (shared strategy, joint plans, early "
                   "involvement in tenders...). Plan file: partnership_indicators.",
    "audit": "The customer's answers to the key account audit: where we meet, exceed or fall short of "
             "expectations, and how their business is changing. Plan file: audit.",
}
"""What to capture, and why, for every part of the plan that can be empty."""

CUSTOMER_GAPS: dict[str, str] = {
    "summary": "This plan will open with a summary we agree together.",
    "performance": "Year-to-date figures will follow once the first period of the plan has closed.",
    "initiatives": "No initiative has been completed yet this period.",
    "financial_targets": "The volume targets for the period are still to be agreed together.",
    "assumptions": "The assumptions behind this plan are still to be agreed together.",
    "potential": "Your total volume potential is still to be sized together.",
    "relationship": "We will describe how we work together at our next review.",
    "sites": "Which of your sites should this plan cover?",
    "vision": "What is your vision for the next three years, and which goals will take you there?",
    "customer_swot": "What do you see as your strengths, weaknesses, opportunities and threats?",
    "pestle": "Which political, economic, social, technological, legal and environmental trends matter most "
              "to you?",
    "five_forces": "How do rivals, new entrants, substitutes, your buyers and your suppliers shape your market?",
    "swot": "The strengths we bring and the opportunities we see together are still to be written.",
    "core_team_input": "How our team can help you reach your goals is still to be agreed.",
    "long_term": "Our long-term aims for the partnership are still to be agreed together.",
    "smart": "Measurable objectives for the period are still to be agreed together.",
    "needs": "What matters most to you in what we supply, and how will you judge success?",
    "value_proposition": "What our offer is worth to you is still to be quantified together.",
    "csf": "How do you judge your suppliers, and what weight do you give each factor?",
    "dmu": "Who takes part in decisions on what we supply, and in which role?",
    "team": "Your account team will be introduced at our next review.",
    "actions": "The joint actions are still to be agreed.",
    "opportunities": "Which new projects should we explore together?",
    "meetings": "When should we meet for our business reviews this year?",
    "audit": "How do you see us today, and where should we improve?",
}
"""What a customer document says where the plan has no data yet: a question to answer together or a plain
statement; never what to capture or where it goes in the plan file (that is for our own side)."""
