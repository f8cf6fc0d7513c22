# Signs requests to the notes service with botocore's own SigV4 (as boto3 clients sign),
# header-signed and presigned, and prints each as one JSON line: method, url and headers.
import json
import sys

from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

access_key, secret_key, url = sys.argv[1], sys.argv[2], sys.argv[3]
credentials = Credentials(access_key, secret_key)

for name, auth, method, body in [
    ("header", SigV4Auth(credentials, "notes", "us-east-1"), "GET", None),
    ("put", SigV4Auth(credentials, "notes", "us-east-1"), "PUT", b"written by boto3"),
    ("presigned", SigV4QueryAuth(credentials, "notes", "us-east-1", expires=300), "GET", None),
]:
    request = AWSRequest(method=method, url=url, data=body)
    auth.add_auth(request)
    prepared = request.prepare()
    print(json.dumps({
        "name": name,
        "method": prepared.method,
        "url": prepared.url,
        "headers": [[k, v if isinstance(v, str) else v.decode()] for k, v in prepared.headers.items()],
        "body": (body or b"").decode(),
    }))
