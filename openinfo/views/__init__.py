from .catalogue import (  # noqa: F401
    department_detail, department_list, guide_detail, guide_list, power_detail, power_export, power_list,
)
from .consultations import consultation_detail, consultation_list  # noqa: F401
from .home import home  # noqa: F401
from .letters import (  # noqa: F401
    letter_detail, letter_done, letter_list, letter_statistics, letter_track, letter_track_result, letter_write,
)
from .reports import annual_report, report_index  # noqa: F401
from .requests import apply, apply_done, track, track_file, track_logout, track_result  # noqa: F401
