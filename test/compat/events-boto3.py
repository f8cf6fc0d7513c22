"""EventBridge's rule, target, connection and API destination calls with boto3 against
Keyward, run by events-boto3.test.ts.

Usage: python3 events-boto3.py ENDPOINT_URL RECEIVER_URL. The root user's keys and the region
come from the environment (AWS_* variables). Every step prints one JSON line:
{"step": ..., "ok": true, "value": ...} or {"step": ..., "ok": false, "code": ..., "message": ...}.
"""

import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT, RECEIVER = sys.argv[1], sys.argv[2]
PATTERN = json.dumps({"detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["CreateGroup"]}})
events = boto3.client("events", endpoint_url=ENDPOINT, config=Config(retries={"max_attempts": 1}))
iam = boto3.client("iam", endpoint_url=ENDPOINT, config=Config(retries={"max_attempts": 1}))
state = {}


def step(name, fn):
    try:
        value = fn()
        print(json.dumps({"step": name, "ok": True, "value": value}, default=str), flush=True)
    except ClientError as error:
        err = error.response.get("Error", {})
        print(json.dumps({"step": name, "ok": False, "code": err.get("Code"), "message": err.get("Message")}), flush=True)
    except Exception as error:  # a failed step must not stop the others
        print(json.dumps({"step": name, "ok": False, "code": type(error).__name__, "message": str(error)}), flush=True)


def create_connection():
    out = events.create_connection(
        Name="boto3-conn",
        AuthorizationType="BASIC",
        AuthParameters={"BasicAuthParameters": {"Username": "boto3", "Password": "boto3-password"}},
    )
    state["connection"] = out["ConnectionArn"]
    return {"ConnectionState": out["ConnectionState"]}


def create_destination():
    out = events.create_api_destination(Name="boto3-dest", ConnectionArn=state["connection"], InvocationEndpoint=RECEIVER, HttpMethod="POST")
    state["destination"] = out["ApiDestinationArn"]
    return {"ApiDestinationState": out["ApiDestinationState"]}


def put_targets():
    out = events.put_targets(Rule="boto3-rule", Targets=[{"Id": "hook", "Arn": state["destination"]}])
    return {"FailedEntryCount": out["FailedEntryCount"]}


def paginate_rules():
    names = []
    for page in events.get_paginator("list_rules").paginate(NamePrefix="boto3-", PaginationConfig={"PageSize": 1}):
        names += [r["Name"] for r in page["Rules"]]
    return names


step("create_connection", create_connection)
step("describe_connection", lambda: events.describe_connection(Name="boto3-conn")["AuthParameters"])
step("create_api_destination", create_destination)
step("put_rule", lambda: events.put_rule(Name="boto3-rule", EventPattern=PATTERN)["RuleArn"])
step("put_rule_2", lambda: events.put_rule(Name="boto3-rule-2", EventPattern=PATTERN, State="DISABLED")["RuleArn"])
step("put_targets", put_targets)
step("list_rules_paginated", paginate_rules)
step("list_targets", lambda: [t["Id"] for t in events.list_targets_by_rule(Rule="boto3-rule")["Targets"]])
step("create_group", lambda: iam.create_group(GroupName="boto3-alerted")["Group"]["GroupName"])
step("describe_missing_rule", lambda: events.describe_rule(Name="missing"))
step("delete_rule_with_targets", lambda: events.delete_rule(Name="boto3-rule"))
