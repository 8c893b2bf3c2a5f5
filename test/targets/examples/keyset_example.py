# The documentation page's Python example, moved from zeep to the generated `ecgridos` package:
# only the lines that create the client changed (the import, the endpoint, the constructor), and
# the "additional params" are filled in. The endpoint and session come from the environment so
# the test can point the example at a local server.
import os

session_id = os.environ.get("ECGRID_SESSION_ID", "")

# pip install ecgridos   (offline: pip install --no-index --find-links artifacts/python ecgridos; the runtime comes with it)
from ecgridos import ECGridOS, KeyVisibility
ENDPOINT = os.environ.get("ECGRID_ENDPOINT", "https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx")
client = ECGridOS(endpoint=ENDPOINT)
result = client.service.KeySet(
    SessionID=session_id,
    UserID=5001,
    Visibility=KeyVisibility.Shared,
)
print(result)
