"""kapdocs: key account plans in, client-ready Word, PowerPoint, Excel and calendar documents out."""

__version__ = "0.1.0"
