"""The seed walkthrough with boto3 against Keyward, run by boto3.test.ts.

Usage: python3 boto3-walkthrough.py ENDPOINT_URL (in a directory holding trust.json and
policy.json). The root user's keys and the region come from the environment (AWS_* variables).
Every step runs even when an earlier one failed, and prints one JSON line:
{"step": ..., "ok": true, "value": ...} or {"step": ..., "ok": false, "code": ..., "message": ...}.
"""

import json
import sys
import urllib.parse

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess"
state = {}


def client(service, keys=None):
    """A client for Keyward: endpoint_url, no retries; keys from the environment unless given."""
    extra = {}
    if keys is not None:
        extra = {"aws_access_key_id": keys["AccessKeyId"], "aws_secret_access_key": keys["SecretAccessKey"]}
    config = Config(retries={"max_attempts": 1})
    return boto3.client(service, endpoint_url=ENDPOINT, config=config, **extra)


def step(name):
    def run(fn):
        try:
            value = fn()
            print(json.dumps({"step": name, "ok": True, "value": value}, default=str), flush=True)
        except ClientError as error:
            err = error.response.get("Error", {})
            print(json.dumps({"step": name, "ok": False, "code": err.get("Code"), "message": err.get("Message")}), flush=True)
        except Exception as error:  # a failed step must not stop the walkthrough
            print(json.dumps({"step": name, "ok": False, "code": type(error).__name__, "message": str(error)}), flush=True)
        return fn

    return run


def read(name):
    with open(name, encoding="utf-8") as f:
        return f.read()


@step("first-admin")
def first_admin():
    root = client("iam")
    user = root.create_user(UserName="admin")["User"]
    root.create_group(GroupName="Administrators")
    root.attach_group_policy(GroupName="Administrators", PolicyArn=ADMIN_POLICY)
    root.add_user_to_group(GroupName="Administrators", UserName="admin")
    state["admin"] = root.create_access_key(UserName="admin")["AccessKey"]
    return {"Arn": user["Arn"], "Status": state["admin"]["Status"]}


def admin_iam():
    if "admin" not in state:
        raise RuntimeError("no admin access key: first-admin failed")
    return client("iam", state["admin"])


@step("caller-identity")
def caller_identity():
    identity = client("sts", state.get("admin")).get_caller_identity()
    return {"Account": identity["Account"], "Arn": identity["Arn"], "UserId": identity["UserId"]}


@step("create-role")
def create_role():
    return admin_iam().create_role(RoleName="app", AssumeRolePolicyDocument=read("trust.json"))["Role"]["Arn"]


@step("role-policy")
def role_policy():
    iam = admin_iam()
    iam.put_role_policy(RoleName="app", PolicyName="app-s3", PolicyDocument=read("policy.json"))
    # botocore decodes the URL-encoded document into a dict.
    return iam.get_role_policy(RoleName="app", PolicyName="app-s3")["PolicyDocument"]


@step("instance-profile")
def instance_profile():
    iam = admin_iam()
    iam.create_instance_profile(InstanceProfileName="app")
    iam.add_role_to_instance_profile(InstanceProfileName="app", RoleName="app")
    profiles = iam.list_instance_profiles_for_role(RoleName="app")["InstanceProfiles"]
    return [p["InstanceProfileName"] for p in profiles]


@step("authorization-details")
def authorization_details():
    merged = {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
    # MaxItems 1 forces the paginator through Marker on every entity.
    for page in admin_iam().get_paginator("get_account_authorization_details").paginate(PaginationConfig={"PageSize": 1}):
        for key in merged:
            merged[key].extend(page.get(key, []))
    return merged


@step("delete-role-conflict")
def delete_role_conflict():
    try:
        admin_iam().delete_role(RoleName="app")
    except ClientError as error:
        return error.response["Error"]
    raise RuntimeError("delete_role succeeded while the role was in an instance profile")


@step("delete-role-order")
def delete_role_order():
    iam = admin_iam()
    iam.remove_role_from_instance_profile(InstanceProfileName="app", RoleName="app")
    iam.delete_instance_profile(InstanceProfileName="app")
    iam.delete_role_policy(RoleName="app", PolicyName="app-s3")
    iam.delete_role(RoleName="app")
    return [r["RoleName"] for r in iam.list_roles()["Roles"]]


@step("list-users")
def list_users():
    return [u["UserName"] for u in admin_iam().list_users()["Users"]]


@step("access-denied")
def access_denied():
    iam = admin_iam()
    iam.create_user(UserName="viewer")
    keys = iam.create_access_key(UserName="viewer")["AccessKey"]
    try:
        client("iam", keys).list_users()
    except ClientError as error:
        return {"Code": error.response["Error"]["Code"], "Message": error.response["Error"]["Message"], "Status": error.response["ResponseMetadata"]["HTTPStatusCode"], "Text": str(error)}
    raise RuntimeError("list_users succeeded for a user without policies")


@step("aws-answers")
def aws_answers():
    """The answers fixed to match AWS this session (issue 9), as boto3 parses them."""
    iam = admin_iam()
    iam.create_user(UserName="tagged", Tags=[{"Key": f"k{i}", "Value": str(i)} for i in range(3)])
    first = iam.list_user_tags(UserName="tagged", MaxItems=1)
    rest = iam.list_user_tags(UserName="tagged", Marker=first["Marker"], MaxItems=5)
    arn = iam.create_policy(PolicyName="untagged", PolicyDocument=read("policy.json"))["Policy"]["Arn"]
    role = iam.create_service_linked_role(AWSServiceName="custom-resource.application-autoscaling.amazonaws.com")["Role"]
    trust = role["AssumeRolePolicyDocument"]
    if isinstance(trust, str):
        trust = json.loads(urllib.parse.unquote(trust))
    try:
        iam.delete_account_password_policy()
        no_policy = None
    except ClientError as error:
        no_policy = {"Code": error.response["Error"]["Code"], "Message": error.response["Error"]["Message"]}
    return {
        "FirstPage": [t["Key"] for t in first["Tags"]],
        "FirstTruncated": first["IsTruncated"],
        "RestPage": [t["Key"] for t in rest["Tags"]],
        "RestTruncated": rest["IsTruncated"],
        "PolicyTags": iam.get_policy(PolicyArn=arn)["Policy"].get("Tags"),
        "RoleName": role["RoleName"],
        "TrustStatement": trust["Statement"][0],
        "NoPasswordPolicy": no_policy,
    }
