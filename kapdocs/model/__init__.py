"""The validated plan model: one pydantic class per section of the plan format."""

from .account import *  # noqa: F401,F403
from .base import OPEN_STAGES, SENIORITY_RANK, STAGES, WON_STAGES  # noqa: F401
from .execution import *  # noqa: F401,F403
from .health import *  # noqa: F401,F403
from .meetings import *  # noqa: F401,F403
from .people import *  # noqa: F401,F403
from .plan import FORMAT_VERSION, Plan  # noqa: F401
