"""Supply status (red/amber/green) and the value delivered by executed initiatives."""

from kapdocs.analysis.initiatives import initiative_value
from kapdocs.analysis.supply import AMBER_BAND, supply_status
from kapdocs.model import SupplyMetric


def metric(**kw) -> SupplyMetric:
    return SupplyMetric.model_validate({"metric": "OTIF", "target": 0.98, **kw})


def test_supply_status_against_target():
    # at or above target is green
    assert supply_status(metric(actual=0.98)) == "green"
    assert supply_status(metric(actual=0.99)) == "green"
    # short by at most 5% of the target is amber, further off is red
    assert AMBER_BAND == 0.05
    assert supply_status(metric(actual=0.955)) == "amber"
    assert supply_status(metric(actual=0.98 * 0.95)) == "amber"
    assert supply_status(metric(actual=0.90)) == "red"
    # no actual yet: no status
    assert supply_status(metric()) is None


def test_supply_status_when_lower_is_better():
    lead_time = {"metric": "Lead time", "target": 3, "higher_is_better": False}
    # at or below target is green; 3.1 days is within 5%; 3.6 days is 20% over
    assert supply_status(metric(**lead_time, actual=2.5)) == "green"
    assert supply_status(metric(**lead_time, actual=3.1)) == "amber"
    assert supply_status(metric(**lead_time, actual=3.6)) == "red"
    # a zero target (no complaints) is met only by zero
    complaints = {"metric": "Complaints", "target": 0, "higher_is_better": False}
    assert supply_status(metric(**complaints, actual=0)) == "green"
    assert supply_status(metric(**complaints, actual=1)) == "red"


def test_rich_sample_supply_statuses(rich_plan):
    statuses = {m.metric: supply_status(m) for m in rich_plan.supply}
    assert statuses == {"OTIF": "amber", "Order lead time": "red", "Forecast accuracy": "amber",
                        "Quality complaints": "green", "Certificates of analysis on time": "green"}


def test_initiative_value(rich_plan, minimal_plan):
    value = initiative_value(rich_plan)
    # five highlights worth £580,000 in all; the two lowlights carry no value
    assert (value.total, value.highlights, value.lowlights, value.valued) == (580_000, 5, 2, 5)
    # a plan without initiatives delivered nothing yet
    empty = initiative_value(minimal_plan)
    assert (empty.total, empty.highlights, empty.lowlights, empty.valued) == (0, 0, 0, 0)
