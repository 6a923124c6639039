"""The workshop's content, as data: eleven modules that follow the key account management cycle.

Each `Module` carries its explanation (in kapdocs' own words), the exercise and the
worksheets it uses (by key: `worksheets.py` draws each one), the reflection
questions, the facilitator's minutes in a one-day and a two-day workshop, the
discussion prompts and what good answers look like. The lists participants work
through (the twenty partnership indicators, the audit question menu, the five rep
profiles) are here too, lightly paraphrased from the sources in DOMAIN.md.
Nothing here depends on a plan: `case.py` brings the case in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timing:
    """Minutes a module takes in each workshop format."""

    one_day: int
    """Minutes in the one-day workshop."""
    two_day: int
    """Minutes in the two-day workshop."""


@dataclass(frozen=True, slots=True)
class Worksheet:
    """A printed worksheet: `key` names the drawing function in `worksheets.py`."""

    key: str
    title: str
    instructions: str


@dataclass(frozen=True, slots=True)
class Module:
    """One module of the workshop."""

    number: int
    key: str
    title: str
    explanation: tuple[str, ...]
    """Paragraphs introducing the idea (inline `**bold**` and `*italic*` allowed)."""
    key_points: tuple[str, ...]
    """The points to remember, as bullets."""
    exercise: str
    """What participants do, in one paragraph."""
    worksheets: tuple[Worksheet, ...]
    reflection: tuple[str, ...]
    """Questions to think about after the exercise."""
    timing: Timing
    prompts: tuple[str, ...]
    """Facilitator: questions that open the debrief."""
    look_for: tuple[str, ...]
    """Facilitator: what good answers contain."""

    @property
    def heading(self) -> str:
        """`Module N: Title`, the module's Heading 1 (and its line in the contents)."""
        return f"Module {self.number}: {self.title}"


# -- lists used by the worksheets --------------------------------------------------------------

ACCOUNT_LADDER: tuple[tuple[str, str], ...] = (
    ("Suspects", "Organisations we have identified but not yet contacted."),
    ("Prospects", "Contacted or visited, not yet buying from us."),
    ("Customers", "Buying from us regularly."),
    ("Key accounts", "The few customers that bring most of the revenue and profit, or will."),
)
"""Where business comes from, from furthest to closest."""

EXAMPLE_ATTRACTIVENESS: tuple[tuple[str, float], ...] = (
    ("Volume and growth potential", 0.30),
    ("Profitability", 0.25),
    ("Willingness to work as partners", 0.20),
    ("Fit with our capabilities", 0.15),
    ("Credit and payment record", 0.10),
)
"""Example attractiveness factors and weights, for a blank scoring sheet."""

EXAMPLE_STRENGTH: tuple[tuple[str, float], ...] = (
    ("Product quality and consistency", 0.30),
    ("Technical support", 0.25),
    ("Delivery reliability", 0.20),
    ("Price competitiveness", 0.15),
    ("Breadth of relationships", 0.10),
)
"""Example business-strength factors and weights (as the customer would judge us)."""

CORE_FUNCTIONS: tuple[tuple[str, str, str], ...] = (
    ("sales", "Key account manager (sales)", "Leads the team, owns the plan and the customer relationship."),
    ("marketing", "Marketing", "Market strategy, content for the customer, insight and analytics."),
    ("technical", "Technical", "Product development, specifications, technology insight."),
    ("supply", "Supply chain", "Cost, complexity and availability; forecasting with the customer."),
    ("finance", "Finance", "Account profitability, pricing models, cost-to-serve."),
    ("operations", "Operations", "Making and delivering what was promised, on time and in full."),
    ("service", "Customer service", "Day-to-day orders, queries and invoices."),
    ("executive", "Executive sponsor", "Senior cover, resources and decisions above the team's authority."),
)
"""The core team's usual functions (model `function` value, label, what it brings)."""

PESTLE: tuple[tuple[str, str], ...] = (
    ("political", "Political"), ("economic", "Economic"), ("social", "Social"),
    ("technological", "Technological"), ("legal", "Legal"), ("environmental", "Environmental"),
)
"""The PESTLE factors (model key, label)."""

FIVE_FORCES: tuple[tuple[str, str], ...] = (
    ("rivalry", "Rivalry among competitors"),
    ("new_entrants", "Threat of new entrants"),
    ("substitutes", "Threat of substitutes"),
    ("buyer_power", "Power of the customer's buyers"),
    ("supplier_power", "Power of the customer's suppliers"),
)
"""Porter's five forces on the customer's business (model key, label)."""

BUYER_ROLES: tuple[tuple[str, str, str], ...] = (
    ("economic", "Economic decision-maker",
     "Releases the money and signs; above them there may be an ultimate decision-maker such as a board."),
    ("technical", "Technical decision-maker",
     "Screens suppliers against specifications; can rule us out but cannot choose us alone."),
    ("end_user", "End user", "Lives with what we supply every day; judges it by how it works in practice."),
    ("advocate", "Advocate", "Wants us to win and shows us the way to the others; has to be earned and kept."),
)
"""The four buyer roles (model value, label, what the role does)."""

POLICY_LEVELS: tuple[tuple[str, str, str], ...] = (
    ("instigator", "Policy instigators", "Set the direction: the board and senior leaders."),
    ("influencer", "Policy influencers", "Shape the choices: functional heads, experts, advisers."),
    ("implementer", "Policy implementers", "Carry decisions out: buyers, planners, site and line teams."),
)
"""The three policy levels (model value, label, who sits there)."""

SPANCOP: tuple[tuple[str, str], ...] = (
    ("suspect", "We think there may be a need; nobody has confirmed it."),
    ("prospect", "The customer agrees there is something worth exploring."),
    ("analysis", "We are working on the need together: data, trials, a first offer."),
    ("negotiation", "A concrete offer is on the table and terms are being discussed."),
    ("close", "Agreement in principle; paperwork and sign-off remain."),
    ("order", "The order or contract is signed."),
    ("pay", "Delivered and paid: the value is in the bank."),
)
"""The SPANCOP stages in order, each with what must be true for an opportunity to be there."""

PARTNERSHIP_INDICATORS: tuple[str, ...] = (
    "They call us a partner",
    "There is clear evidence of the value we add and the return on it",
    "We understand their future strategy",
    "They share confidential information with us",
    "Their resistance to our prices falls over time",
    "They ask our advice beyond our core offer",
    "We have a rolling agreement rather than a fixed term",
    "Reverse hospitality: they host and pay",
    "They invite us to shape their tenders",
    "Joint action plans are in place",
    "They refer us to others",
    "There are no nasty surprises on either side",
    "Strong relationships at several levels",
    "More sales and more profit",
    "They take up our new products and services",
    "They work with us on case studies and testimonials",
    "Our logo appears next to theirs on their material",
    "They are tolerant and understanding when a problem arises",
    "Feedback is handled openly",
    "They bend the rules to keep us",
)
"""Twenty signs that we are treated as a partner, not a supplier (a list to tailor to each business)."""

AUDIT_PAST: tuple[str, ...] = (
    "Where do we meet your expectations?",
    "Where do we exceed them?",
    "Where do we fall short?",
    "Which issues are still unresolved?",
    "How do we compare with other suppliers?",
    "How do you measure us?",
    "How would you sum us up in one sentence?",
    "How many marks out of ten would you give us?",
    "Do you see us as a supplier or as a partner?",
)
"""Key account audit: questions about the past and present."""

AUDIT_FUTURE: tuple[str, ...] = (
    "How is your business changing?",
    "What pressures will you face?",
    "What are your main objectives?",
    "How will you reach them?",
    "How could we help you?",
    "Where could we add more value?",
    "What could we do that we do not do today?",
    "Where would you be happy to give us more of your business?",
)
"""Key account audit: questions about the future."""

REP_PROFILES: tuple[tuple[str, str], ...] = (
    ("The Hard Worker", "Puts in the hours and the calls, does not give up after a no, wants feedback and "
                        "keeps improving."),
    ("The Relationship Builder", "Builds strong personal ties and internal advocates, is generous with time "
                                 "and keeps everyone comfortable; avoids friction."),
    ("The Lone Wolf", "Follows their own instincts rather than the process; self-confident, can deliver, "
                      "but is hard to coordinate and manage."),
    ("The Problem Solver", "Makes sure every issue after the sale is fixed; reliable, thorough and "
                           "detail-minded."),
    ("The Challenger", "Brings a different view of the customer's business, understands its economics, "
                       "enjoys a debate and is prepared to push the customer."),
)
"""The five sales-rep profiles of the Challenger research, each in one line."""

CHALLENGER_BEHAVIOURS: tuple[tuple[str, str], ...] = (
    ("Teach", "Bring an insight that changes how the customer sees its own business, and that leads "
              "towards what we do better than anyone."),
    ("Tailor", "Shape the message for each person in the decision-making unit: their goals, their "
               "measures, their economics."),
    ("Take control", "Talk about money without embarrassment, hold a position under pressure and keep "
                     "the decision moving."),
)
"""What Challengers do: teach, tailor, take control."""

REVIEW_CADENCE: tuple[tuple[str, str], ...] = (
    ("Every two weeks", "A short written update to the customer on the plan's key activities."),
    ("Monthly", "A half-hour call to go through progress and anything blocked."),
    ("Quarterly", "The business review (QBR): results, value delivered, what comes next, decisions needed."),
)
"""How often to review with the customer, and how."""


# -- the modules -----------------------------------------------------------------------------

MODULES: tuple[Module, ...] = (
    Module(
        1, "why_key_accounts", "Why key accounts",
        explanation=(
            "Key account management is a loop, not a document. We **plan** what we want to achieve with a "
            "customer, **execute** it with the customer and our own colleagues, and **review** what happened, "
            "then adjust the plan and go round again. Planning itself has four steps: understand the "
            "customer's needs, shape an offer that meets them, agree the actions, and decide how we will "
            "measure and review progress.",
            "Business reaches us along a ladder: organisations we have only identified (suspects), those we "
            "have talked to (prospects), regular customers, and finally the few key accounts that bring most "
            "of the revenue and profit, or will in future. Because key accounts take a lot of time and "
            "resource, we have to choose them deliberately rather than by habit.",
            "The **customer portfolio matrix** is the tool for choosing. One axis is how attractive the "
            "customer is to us (reward, growth, fit, risk); the other is how strong our position is *as the "
            "customer sees it*. Each axis is a weighted score of a few factors, from 0 to 10. The matrix "
            "then suggests how much to invest.",
        ),
        key_points=(
            "**Strategic** (attractive, and we are strong): invest in a long-term partnership and defend it.",
            "**Star** (attractive, we are weak): invest selectively to build our position.",
            "**Status** (less attractive, we are strong): serve efficiently and protect the margin.",
            "**Streamline** (less attractive, we are weak): reduce the cost to serve.",
            "A score of 5 or more counts as high. Weights on each axis add up to 1 (or 100).",
        ),
        exercise=(
            "Place your accounts on the ladder, then score one account on both axes of the portfolio matrix: "
            "agree the factors and weights first, score each factor from 0 to 10, multiply, add up and divide "
            "by the total weight. Mark the account on the blank matrix, and add two or three more accounts if "
            "time allows: the matrix earns its keep when it compares several customers."
        ),
        worksheets=(
            Worksheet("ladder", "From suspects to key accounts",
                      "Write two or three of your own accounts at each step of the ladder."),
            Worksheet("portfolio_scoring", "Portfolio scoring",
                      "Score each factor from 0 (poor) to 10 (excellent). Weighted = weight × score. Each axis "
                      "score = total weighted ÷ total weight."),
            Worksheet("portfolio_matrix", "The customer portfolio matrix",
                      "Mark each account where its two scores meet. The lines cross at 5 on both axes."),
        ),
        reflection=(
            "Which of your current accounts would you no longer call key after this exercise, and why?",
            "Which factor was hardest to score, and whose view would make the score more reliable?",
            "What would it take to move your account one box closer to Strategic?",
        ),
        timing=Timing(40, 75),
        prompts=(
            "Who scored strength from our own point of view rather than the customer's? What changes if we ask "
            "the customer?",
            "Did anyone's weights change after they saw the scores? Why is that a problem?",
            "Where do most of the group's accounts sit? What does that say about how we spend our time?",
        ),
        look_for=(
            "Weights agreed before scoring, adding up to 1 or 100.",
            "Strength judged through the customer's eyes, with evidence for each score.",
            "A quadrant that leads to a different level of investment, not just a label.",
        ),
    ),
    Module(
        2, "core_team", "The core team",
        explanation=(
            "No key account manager can meet every need of a large customer alone. The **core team** brings "
            "together the functions the customer depends on: sales, marketing, technical, supply, finance, "
            "operations and service, with an executive sponsor above them. The key account manager leads "
            "it, is accountable for results and signs off the account strategy for the next one to three "
            "years; every member contributes to the offer and the action plan.",
            "The team works from three shared tools: the key account plan, the measures that show progress, "
            "and the latest action log. Its job is to remove internal barriers and speed up decisions so that "
            "the customer meets one joined-up supplier.",
            "Look at who actually talks to whom. In a **bow-tie**, everything flows through two knots: our "
            "account manager and their buyer. It is fragile (one person leaves and the relationship goes "
            "with them) and slow. In a **diamond**, each of our functions talks to its counterpart: our "
            "technologists with their R&D, our planners with their planners, our directors with theirs.",
        ),
        key_points=(
            "The key account manager leads and is accountable; the whole team owns the plan.",
            "Each function brings something the customer values: name it for your account.",
            "Aim for a diamond: many direct links between counterparts, coordinated by the plan.",
            "In a diamond, less than half of the relationships go through the key account manager.",
        ),
        exercise=(
            "For one account, list who is (or should be) in the core team and what each person brings to "
            "this customer. Then draw today's pattern of contacts and the one you want: count how many "
            "relationships run through the key account manager."
        ),
        worksheets=(
            Worksheet("core_team", "Core team for the account",
                      "One row per function: who it is, what they bring to this customer, and who they talk "
                      "to on the customer's side."),
            Worksheet("diamond", "Bow-tie or diamond?",
                      "Draw the links between our people (left) and theirs (right), today and as you want "
                      "them in a year."),
        ),
        reflection=(
            "Which function does the customer need more of than it gets today?",
            "If you left tomorrow, which relationships would the account lose?",
            "What internal barrier slows your team down most, and who could remove it?",
        ),
        timing=Timing(25, 50),
        prompts=(
            "Whose names were hardest to write down, and why?",
            "Which of our functions does the customer meet only when something goes wrong?",
            "What would the executive sponsor do differently in a diamond?",
        ),
        look_for=(
            "Named people, not just functions, with a contribution specific to this customer.",
            "An honest count of links held by the key account manager.",
            "At least one new counterpart link planned, with a reason.",
        ),
    ),
    Module(
        3, "understanding_the_customer", "Understanding the customer",
        explanation=(
            "A plan is only as good as what we know about the customer. Start with the basics (name, group, "
            "sector, address, how they like to be contacted) and the business potential: how much they buy "
            "in our categories, and how much of it we have. Large customers buy at several **sites**, each "
            "with its own share of wallet, targets, competitors, contract expiry and next tender date.",
            "Then understand where the customer is going: its **vision and strategy**, in its own words and "
            "checked with the customer rather than guessed from its website. A plan written from the "
            "customer's point of view starts here.",
            "Three grids organise the analysis. **PESTLE** scans the customer's outside world (political, "
            "economic, social, technological, legal, environmental). The **five forces** show the pressure "
            "on its margins. **SWOT** sums up strengths and weaknesses against opportunities and threats: do "
            "one for the customer's business, and one for our own position in this account.",
        ),
        key_points=(
            "Sites matter: a tender or contract expiry at one site can be the year's biggest event.",
            "Validate the customer's strategy with the customer, and note when you did.",
            "Analysis means 'so what?': every PESTLE or five forces point should lead to an implication.",
            "Our SWOT is relative to this account and its competitors, not a company brochure.",
        ),
        exercise=(
            "Fill in the account fact sheet and the site table from what you know (mark guesses with '?'). "
            "Write the customer's vision and top goals. Then work through PESTLE and the five forces for the "
            "customer, and finish with the two SWOTs."
        ),
        worksheets=(
            Worksheet("customer_basics", "Account fact sheet", "What we know about the customer today."),
            Worksheet("sites", "Sites", "One row per site where the customer buys, or could buy, from us."),
            Worksheet("vision", "Vision and strategy", "In the customer's words; note who confirmed it and when."),
            Worksheet("pestle", "PESTLE", "What is changing outside the customer's business, and what it means "
                                          "for the customer and for us."),
            Worksheet("five_forces", "Five forces", "How strong is each force on the customer's business? "
                                                    "Write the evidence."),
            Worksheet("customer_swot", "SWOT: the customer's business", "The customer's own position."),
            Worksheet("our_swot", "SWOT: our position in this account", "Our strengths and weaknesses as this "
                                                                          "customer sees them, against the "
                                                                          "opportunities and threats in it."),
        ),
        reflection=(
            "What do you believe about this customer that you have never checked with them?",
            "Which outside change will affect the customer most in the next two years?",
            "Which of our weaknesses does the customer notice most?",
        ),
        timing=Timing(45, 90),
        prompts=(
            "How many facts on your fact sheet carry a question mark? Who could confirm them?",
            "Pick one PESTLE point: what exactly should we do about it?",
            "Is our SWOT the customer's view of us or our view of ourselves?",
        ),
        look_for=(
            "Sites with contract and tender dates, not just names.",
            "A vision quoted or confirmed by the customer.",
            "Every grid entry followed by an implication for the customer or for us.",
        ),
    ),
    Module(
        4, "needs_and_value", "Needs and the value proposition",
        explanation=(
            "Customers do not buy products; they buy progress towards their own goals. The **needs** (or "
            "value drivers) of the account describe what success looks like for the customer, in its words "
            "and, where possible, with a measure: less waste, a shorter launch cycle, fewer suppliers.",
            "Needs are agreed and ranked **with** the customer. A list we wrote alone is a hypothesis; a "
            "list the customer has prioritised is the backbone of the plan, because every action we take "
            "should serve one of them.",
            "The **customer value proposition** matches our offer to each need and puts a value on the "
            "benefit, in the customer's money. Value comes in four broad kinds: costs the customer avoids, "
            "costs it reduces, better quality or experience, and time saved.",
        ),
        key_points=(
            "Write needs as outcomes for the customer, not as our products.",
            "Rank them with the customer, and record that you did.",
            "For every need, one offer and an estimated value; a need without an offer is an opportunity.",
            "An offer without a need is a product push: drop it or find the need.",
        ),
        exercise=(
            "List the customer's top needs in order of priority, each with what success looks like. Then "
            "match our offer to each and estimate the value to the customer per year."
        ),
        worksheets=(
            Worksheet("needs_value", "Needs and value proposition",
                      "Priority 1 is the need that matters most to the customer."),
        ),
        reflection=(
            "Which need did you rank differently from how the customer would?",
            "Where is our offer strongest, and is that where the customer's priority lies?",
            "How would you prove the value you estimated?",
        ),
        timing=Timing(35, 70),
        prompts=(
            "Read out one need. Is it written as the customer's outcome or as our product?",
            "Whose values are easiest to prove, and with what data?",
            "Which need has no offer against it yet? Is that a risk or an opportunity?",
        ),
        look_for=(
            "Needs with a measure of success.",
            "A clear mark of which needs the customer has agreed.",
            "Values in money, with an idea of how to evidence them.",
        ),
    ),
    Module(
        5, "decision_making_unit", "The decision-making unit",
        explanation=(
            "Large purchases are decided by several people. The **buyers' chart** sorts them by the role "
            "they play: the **economic decision-maker** who releases the money (sometimes with an "
            "*ultimate* decision-maker, such as a board, above them); **technical decision-makers** who "
            "screen against specifications and can say no but not yes; **end users** who live with the "
            "result; and **advocates** who want us to win and guide us to the others.",
            "For each buyer, note their influence on our objective and their attitude to us, from champion "
            "to blocker. Not everyone has a buying role, and that is fine: do not force one. Match our "
            "seniority to theirs, the more so the bigger or riskier the decision.",
            "The **contact matrix** shows who on our side talks to whom on theirs, and how strong each link "
            "is (0 none to 4 trusted). Check coverage across the three **policy levels** too: instigators "
            "who set direction, influencers who shape choices, implementers who make it happen.",
        ),
        key_points=(
            "Four roles: economic, technical, end user, advocate; a person can hold more than one.",
            "Rate influence (high, medium, low) and attitude (champion to blocker) for each.",
            "Strength of a link: 0 none, 1 aware, 2 working, 3 good, 4 trusted partner.",
            "Cover all three policy levels; a gap at the top is the most dangerous.",
        ),
        exercise=(
            "Draw the buyers' chart for your account: names, roles, influence and attitude. Then fill in the "
            "contact matrix with the strength of each relationship today, circle the links that must get "
            "stronger, and check each policy level is covered."
        ),
        worksheets=(
            Worksheet("buyers_chart", "Buyers' chart",
                      "Roles: E economic, U ultimate, T technical, EU end user, A advocate. Influence: H, M, L. "
                      "Attitude: champion, supporter, neutral, sceptic, blocker."),
            Worksheet("contact_matrix", "Contact matrix",
                      "Their people down the side, ours across the top. Write the strength of each link (0-4) "
                      "and circle the ones to strengthen."),
            Worksheet("policy_levels", "Policy levels",
                      "Who sits at each level on their side, and who covers them on ours?"),
        ),
        reflection=(
            "Who could stop this account from growing, and how well do we know them?",
            "Which advocate do we rely on most, and what happens if they move on?",
            "Where is our seniority lower than theirs?",
        ),
        timing=Timing(40, 80),
        prompts=(
            "Who found an economic decision-maker they have never met?",
            "Which blocker did someone try to go around? What might that cost?",
            "Look at the contact matrix: is it a diamond or a bow-tie?",
        ),
        look_for=(
            "Each role covered by at least one working relationship (2 or more).",
            "A plan for every high-influence contact with a weak or missing link.",
            "All three policy levels covered, with senior contacts matched by senior people of ours.",
        ),
    ),
    Module(
        6, "objectives_and_actions", "Objectives and actions",
        explanation=(
            "Strategy says where we want the account to be in one to three years; **objectives** say what we "
            "will achieve this year on the way there. Write them **SMART**: specific, measurable (a baseline "
            "and a target), achievable, relevant to a need and a long-term objective, and time-bound with an "
            "owner.",
            "Three mistakes are common: confusing a strategy with an action ('visit them more'), confusing it "
            "with an outcome ('grow 10%'), and writing a plan that is really a budget. A good objective "
            "names the change, how we will measure it, by when and who is responsible.",
            "The **tactical action plan** turns objectives into work: each action says what will be done, "
            "which agreed need it serves, its money or quantity target, the date, an owner on each side and "
            "the resources it needs.",
        ),
        key_points=(
            "Every objective: measure, baseline, target, date, owner, and the need or aim it supports.",
            "Every action: a need, a target, a date, an owner on both sides.",
            "Prioritise: a short list done well beats a long list started.",
            "Agree actions with the customer where they involve the customer.",
        ),
        exercise=(
            "Build two or three SMART objectives for your account with the builder, then write the actions "
            "that will deliver the first one in the tactical action plan."
        ),
        worksheets=(
            Worksheet("smart_builder", "SMART objective builder",
                      "Work through the letters, then write the objective as one sentence."),
            Worksheet("action_plan", "Tactical action plan",
                      "One row per action; link each to a need and an objective."),
        ),
        reflection=(
            "Which of your current goals for the account is really an action, or an outcome?",
            "Which action has no owner on the customer's side?",
            "What will you stop doing to make room for these actions?",
        ),
        timing=Timing(40, 75),
        prompts=(
            "Read out an objective: could someone else check next December whether it was met?",
            "Which actions serve no agreed need?",
            "Where did the customer's owner column stay empty, and why?",
        ),
        look_for=(
            "A baseline and a target in the same unit, and a date.",
            "Objectives linked to long-term aims; actions linked to needs.",
            "Owners on both sides and the resources named.",
        ),
    ),
    Module(
        7, "pipeline", "The pipeline",
        explanation=(
            "Opportunities move through seven stages, **SPANCOP**: suspect, prospect, analysis, "
            "negotiation, close, order, pay. Each stage has an entry test: something the customer has said or "
            "done, not just our hope. The last two stages are won business.",
            "Two short lists focus the reviews. The **Top 5** are the open opportunities nearest to closing; "
            "the **Big 5** are the largest. For each, know its stage and its next step.",
            "Then do the maths of selling: the weighted pipeline (each value times its probability) should "
            "cover the gap between what we have sold and the target. If it does not, we need more "
            "opportunities, better ones, or faster ones; hit rates and cycle times tell us which.",
        ),
        key_points=(
            "Stage by evidence from the customer, not by our optimism.",
            "Top 5 = nearest to closing; Big 5 = largest; each with its next step.",
            "Weighted pipeline ÷ gap to target = coverage; below 1 means trouble.",
            "Plan actions should appear in the pipeline as opportunities.",
        ),
        exercise=(
            "Place your opportunities on the SPANCOP stages, then pick your Top 5 and Big 5 and write the "
            "next step for each. Finish by comparing the weighted pipeline with the gap to target."
        ),
        worksheets=(
            Worksheet("spancop", "SPANCOP stages", "Write your opportunities against the stage they have "
                                                   "really reached."),
            Worksheet("top5_big5", "Top 5 and Big 5", "Nearest to closing, and largest: with the next step."),
        ),
        reflection=(
            "Which opportunity have you placed one stage further on than the evidence allows?",
            "Does your weighted pipeline cover your gap? If not, where will the rest come from?",
            "Which opportunity has been stuck longest, and what would move it?",
        ),
        timing=Timing(30, 55),
        prompts=(
            "What did the customer do or say that puts this deal at analysis rather than prospect?",
            "How many opportunities appear in both the Top 5 and the Big 5? What does that tell you?",
            "Which plan actions have no opportunity behind them?",
        ),
        look_for=(
            "Stages justified by customer evidence.",
            "A concrete next step with a date for each Top 5 and Big 5 entry.",
            "A coverage figure and a view on how to close any shortfall.",
        ),
    ),
    Module(
        8, "change_and_risk", "Change and risk",
        explanation=(
            "Every plan asks someone to change, and change meets resistance. A **force field analysis** lists "
            "the forces pushing for the plan and those pushing against it, scores each from 1 (weak) to 5 "
            "(strong) and compares the totals. A positive balance suggests a good chance of success; a "
            "balance of zero or less says the plan needs work before it starts.",
            "The analysis also shows where to act: strengthen a force for, or weaken a force against. "
            "Removing resistance is often cheaper than adding pressure.",
            "Plans fail too when nobody asked 'what could go wrong?'. For each main **risk**, judge its "
            "likelihood and impact, and write a **contingency**: what we will do if it happens, and who "
            "will do it. Beware of distilled optimism, where every strategy succeeds and every account grows.",
        ),
        key_points=(
            "Score each force 1-5; balance = total for − total against.",
            "Above zero: a good chance; zero or below: rework the plan.",
            "Every high-impact risk needs a contingency and an owner.",
        ),
        exercise=(
            "List the forces for and against your plan, score them and work out the balance. Pick one force "
            "against and plan how to weaken it. Then list the main risks with a contingency for each."
        ),
        worksheets=(
            Worksheet("force_field", "Force field", "Score each force from 1 (weak) to 5 (strong)."),
            Worksheet("risks", "Risks and contingencies", "Likelihood and impact: low, medium or high."),
        ),
        reflection=(
            "Which force against did you leave off because it was uncomfortable to write down?",
            "Which risk would hurt most, and is its contingency really ready?",
            "What is the cheapest way to improve your balance?",
        ),
        timing=Timing(35, 65),
        prompts=(
            "Is anyone's balance negative? What would you change first?",
            "Which forces against are people, and which are facts?",
            "Which contingency could start today, before the risk happens?",
        ),
        look_for=(
            "Forces on both sides, honestly scored.",
            "An action aimed at the biggest force against.",
            "Contingencies with an owner, for every high-impact risk.",
        ),
    ),
    Module(
        9, "reviews", "Reviews",
        explanation=(
            "Plans work only if they are reviewed. The **internal review** (monthly or quarterly, with the "
            "core team) looks at the past briefly (results against target, gaps, what our initiatives "
            "delivered), then spends most of its time on the future: is there enough pipeline, are plan "
            "actions in it, which are the Top 5 and Big 5? It ends with lessons, thanks and an updated plan.",
            "The **customer review** or QBR happens every quarter with each key account. Results take no more "
            "than a third of the time; the heart of the meeting is what we will do next together, and what "
            "the customer sees coming. Preparation starts a month ahead (D-30) with the invitation and ends "
            "the day before (D-1) with the pre-reading.",
            "Afterwards, minutes with the next quarter's actions go to the core team and the customer the "
            "same day; the plan is updated and the papers filed. Between QBRs keep a rhythm: a short update "
            "every two weeks and a monthly call.",
        ),
        key_points=(
            "Internal review: past, future (the main focus), assess, learn.",
            "QBR: results at most 30% of the time; the focus is upcoming initiatives.",
            "Preparation: D-30 invite, D-15 re-check, D-5 confirm, D-3 send papers, D-1 read.",
            "Minutes and actions go out the same day.",
        ),
        exercise=(
            "Plan your next QBR: who presents each agenda item and what evidence they bring. Set the "
            "preparation dates from the meeting date. Then practise minuting: one person runs a short "
            "agenda item, everyone else takes the minutes on the practice sheet and compares."
        ),
        worksheets=(
            Worksheet("internal_agenda", "Internal review agenda", "Who leads each part, and what they bring."),
            Worksheet("qbr_agenda", "QBR agenda", "Who presents each item, and what evidence they bring."),
            Worksheet("prep_timeline", "Preparation timeline", "Count back from the meeting date; move a "
                                                               "weekend date to the Friday before."),
            Worksheet("minutes", "Minutes practice sheet", "Decisions and actions, each with an owner and a date."),
        ),
        reflection=(
            "How much of your last customer review was spent on the past?",
            "What did the customer learn from your last QBR that they could not have read in a report?",
            "Which actions from your last meeting are still open, and does the customer know?",
        ),
        timing=Timing(30, 60),
        prompts=(
            "Compare two people's minutes of the same discussion: what did one catch that the other missed?",
            "Which agenda item would the customer's most senior person care about most?",
            "Who sends the minutes, and by when?",
        ),
        look_for=(
            "Every agenda item with a presenter and evidence.",
            "Preparation dates that avoid weekends.",
            "Minutes whose every action has an owner and a date.",
        ),
    ),
    Module(
        10, "partnership", "Partnership",
        explanation=(
            "The aim with a key account is to be treated as a partner, not a supplier. That cannot be "
            "declared; it shows in what the customer does: sharing its strategy and confidential "
            "information, inviting us to shape tenders, building joint plans, referring us, and forgiving "
            "the occasional problem.",
            "The twenty **partnership indicators** turn that into a self-assessment. Score each one yes, "
            "partly or no, with evidence; the total is a rough measure of the relationship, and the "
            "indicators marked no are a to-do list. Tailor the list to your own business.",
            "The **key account audit** asks the customer directly, usually in a senior-level meeting once a "
            "year: how do we perform today, and where is your business going? The questions are a menu to "
            "choose from, not a script.",
        ),
        key_points=(
            "Yes = 1, partly = ½, no = 0; the score is out of the number of indicators.",
            "Evidence for every yes: something the customer did, not something we felt.",
            "Audit questions cover the past and present and the future; choose a few and listen.",
        ),
        exercise=(
            "Score your account on the twenty indicators, with evidence, and add up the score. Then choose "
            "five audit questions you will ask at your next senior meeting with the customer, and predict "
            "the answers."
        ),
        worksheets=(
            Worksheet("partnership", "Partnership indicators", "Tick one box per indicator and note the evidence."),
            Worksheet("audit", "Key account audit", "Choose the questions you will ask; note the answer you "
                                                    "expect, then the answer you get."),
        ),
        reflection=(
            "Which indicator would move most if you did one thing differently?",
            "Which audit question are you most nervous about asking, and why?",
            "Would the customer score the indicators the way you did?",
        ),
        timing=Timing(30, 60),
        prompts=(
            "Which yes has the weakest evidence?",
            "What could you do in the next quarter to turn one 'no' into a 'partly'?",
            "Who on our side should ask the audit questions, and who on theirs should answer?",
        ),
        look_for=(
            "A score with evidence behind each yes.",
            "Two or three indicators chosen to improve, with actions.",
            "Audit questions from both the past and the future lists.",
        ),
    ),
    Module(
        11, "selling_behaviours", "Selling behaviours",
        explanation=(
            "How we behave with the customer matters as much as what we sell. Customers now do much of their "
            "research before they talk to a supplier, involve more people in each decision and buy more "
            "professionally; the sales experience itself has become a reason to stay loyal.",
            "Research among sales people in complex sales found five profiles: the **Hard Worker**, the "
            "**Relationship Builder**, the **Lone Wolf**, the **Problem Solver** and the **Challenger**. Each "
            "is common, but Challengers were found among top performers far more often than the others, and "
            "Relationship Builders least often.",
            "What sets Challengers apart is that they **teach** the customer something new about its own "
            "business, **tailor** the message to each person's value drivers, and **take control** of the "
            "conversation, including about money. These are behaviours, so they can be learned.",
        ),
        key_points=(
            "Teach: bring an insight that leads to where we are uniquely strong.",
            "Tailor: speak to each stakeholder's goals, measures and economics.",
            "Take control: be comfortable discussing money and keep decisions moving.",
        ),
        exercise=(
            "Rate yourself against the five profiles. Then prepare one Challenger conversation for your "
            "account: the insight you will teach, how you will tailor it to two people in the buyers' chart, "
            "and how you will keep control of the next step."
        ),
        worksheets=(
            Worksheet("rep_profiles", "The five profiles", "How much like you is each profile? 1 not at all, "
                                                           "5 very much."),
            Worksheet("challenger", "Teach, tailor, take control", "Prepare one conversation for your account."),
        ),
        reflection=(
            "Which profile do you fall back on under pressure?",
            "What insight could you teach your customer that a competitor could not?",
            "When did you last let a customer decide the next step for you?",
        ),
        timing=Timing(25, 45),
        prompts=(
            "Who is a natural Relationship Builder? What does that strength cost in a complex sale?",
            "Share an insight you have taught a customer. Did it lead to something only we could do?",
            "What makes talking about money uncomfortable, and how could we practise it?",
        ),
        look_for=(
            "An insight about the customer's business, not a product feature.",
            "The message adapted for at least two different buyers.",
            "A next step the rep proposes and owns.",
        ),
    ),
)
"""The eleven modules, in workshop order."""

CLOSING_QUESTIONS: tuple[str, ...] = (
    "Three things I will do for my key account in the next 30 days:",
    "Who I need to involve, inside and outside:",
    "What I will report at the next internal review:",
)
"""The personal commitments page that closes the workshop."""
