// Techniques that pass the target role to a compute service the source can start: the
// service then runs the source's code as the role. One row per technique: the service that
// must trust the role, and the ways to start it (the actions besides iam:PassRole).

import type { PrincipalModel } from '../model/model.js';
import { PLACEHOLDER, resourceArn } from './arns.js';
import { sharedRequirement, type Requirement, type Technique, type Variant } from './types.js';

type Step = readonly [action: string, resource: (account: string) => string];

interface Way {
  readonly steps: readonly Step[];
  /** False when the way reuses something already running as the role (no iam:PassRole). */
  readonly passRole?: boolean;
  readonly assumes?: string;
}

interface Row {
  readonly id: string;
  readonly service: string;
  readonly summary: string;
  /** EC2-based: the role must be in an instance profile (or the source makes one). */
  readonly instanceProfile?: boolean;
  readonly ways: readonly Way[];
}

const any = (): string => '*';
const arn = (service: string, resource: string) => (account: string) => resourceArn(service, account, resource);
const instance = arn('ec2', 'instance/*');
const lambdaFn = arn('lambda', `function:${PLACEHOLDER}`);
const stack = arn('cloudformation', `stack/${PLACEHOLDER}/*`);
const stackSet = arn('cloudformation', `stackset/${PLACEHOLDER}:*`);
const project = arn('codebuild', `project/${PLACEHOLDER}`);
const glueJob = arn('glue', `job/${PLACEHOLDER}`);
const devEndpoint = arn('glue', `devEndpoint/${PLACEHOLDER}`);
const asg = arn('autoscaling', `autoScalingGroup:*:autoScalingGroupName/${PLACEHOLDER}`);
const launchConfig = arn('autoscaling', `launchConfiguration:*:launchConfigurationName/${PLACEHOLDER}`);

const ROWS: readonly Row[] = [
  {
    id: 'ec2-instance-profile',
    service: 'ec2.amazonaws.com',
    summary: "start an EC2 instance with the role's instance profile, or associate the profile with an instance",
    instanceProfile: true,
    ways: [{ steps: [['ec2:RunInstances', instance]] }, { steps: [['ec2:AssociateIamInstanceProfile', instance]], assumes: 'an EC2 instance the source can reach' }],
  },
  {
    id: 'lambda-create-function',
    service: 'lambda.amazonaws.com',
    summary: 'create a Lambda function that runs as the role, and invoke it or give it an event source',
    ways: [
      { steps: [['lambda:CreateFunction', lambdaFn], ['lambda:InvokeFunction', lambdaFn]] },
      { steps: [['lambda:CreateFunction', lambdaFn], ['lambda:CreateEventSourceMapping', any]] },
    ],
  },
  {
    id: 'lambda-update-function',
    service: 'lambda.amazonaws.com',
    summary: "change a Lambda function's code (one that runs as the role) or configuration (to run as the role)",
    ways: [
      { steps: [['lambda:UpdateFunctionCode', lambdaFn]], passRole: false, assumes: 'a Lambda function that runs as the role' },
      { steps: [['lambda:UpdateFunctionConfiguration', lambdaFn], ['lambda:UpdateFunctionCode', lambdaFn]], assumes: 'a Lambda function the source can invoke or that runs on its own' },
    ],
  },
  {
    id: 'cloudformation-stack',
    service: 'cloudformation.amazonaws.com',
    summary: 'create or update a CloudFormation stack that runs as the role',
    ways: [{ steps: [['cloudformation:CreateStack', stack]] }, { steps: [['cloudformation:UpdateStack', stack]], assumes: 'a stack' }],
  },
  {
    id: 'cloudformation-change-set',
    service: 'cloudformation.amazonaws.com',
    summary: 'create and execute a CloudFormation change set that runs as the role',
    ways: [{ steps: [['cloudformation:CreateChangeSet', stack], ['cloudformation:ExecuteChangeSet', stack]] }],
  },
  {
    id: 'cloudformation-stack-set',
    service: 'cloudformation.amazonaws.com',
    summary: 'create a CloudFormation stack set administered by the role, and its instances',
    ways: [{ steps: [['cloudformation:CreateStackSet', stackSet], ['cloudformation:CreateStackInstances', stackSet]] }],
  },
  {
    id: 'codebuild-project',
    service: 'codebuild.amazonaws.com',
    summary: 'create or update a CodeBuild project with the role as service role, and start a build',
    ways: [
      { steps: [['codebuild:CreateProject', project], ['codebuild:StartBuild', project]] },
      { steps: [['codebuild:UpdateProject', project], ['codebuild:StartBuild', project]], assumes: 'a CodeBuild project' },
    ],
  },
  {
    id: 'sagemaker-notebook',
    service: 'sagemaker.amazonaws.com',
    summary: 'create a SageMaker notebook instance with the role and open it',
    ways: [{ steps: [['sagemaker:CreateNotebookInstance', arn('sagemaker', `notebook-instance/${PLACEHOLDER}`)], ['sagemaker:CreatePresignedNotebookInstanceUrl', arn('sagemaker', `notebook-instance/${PLACEHOLDER}`)]] }],
  },
  {
    id: 'sagemaker-training-job',
    service: 'sagemaker.amazonaws.com',
    summary: 'run a SageMaker training job as the role',
    ways: [{ steps: [['sagemaker:CreateTrainingJob', arn('sagemaker', `training-job/${PLACEHOLDER}`)]] }],
  },
  {
    id: 'sagemaker-processing-job',
    service: 'sagemaker.amazonaws.com',
    summary: 'run a SageMaker processing job as the role',
    ways: [{ steps: [['sagemaker:CreateProcessingJob', arn('sagemaker', `processing-job/${PLACEHOLDER}`)]] }],
  },
  {
    id: 'ssm-instance',
    service: 'ec2.amazonaws.com',
    summary: "run commands (send-command or a session) on an EC2 instance that has the role's instance profile",
    instanceProfile: true,
    ways: [
      { steps: [['ssm:SendCommand', instance]], passRole: false, assumes: "a managed EC2 instance with the role's instance profile" },
      { steps: [['ssm:StartSession', instance]], passRole: false, assumes: "a managed EC2 instance with the role's instance profile" },
    ],
  },
  {
    id: 'ecs-task',
    service: 'ecs-tasks.amazonaws.com',
    summary: 'register an ECS task definition with the role as task role, and run it',
    ways: [
      { steps: [['ecs:RegisterTaskDefinition', any], ['ecs:RunTask', arn('ecs', `task-definition/${PLACEHOLDER}:*`)]], assumes: 'an ECS cluster' },
      { steps: [['ecs:RegisterTaskDefinition', any], ['ecs:StartTask', arn('ecs', `task-definition/${PLACEHOLDER}:*`)]], assumes: 'an ECS cluster' },
    ],
  },
  {
    id: 'glue-dev-endpoint',
    service: 'glue.amazonaws.com',
    summary: 'create a Glue development endpoint with the role and log in to it',
    ways: [{ steps: [['glue:CreateDevEndpoint', devEndpoint]] }, { steps: [['glue:UpdateDevEndpoint', devEndpoint]], passRole: false, assumes: 'a development endpoint with the role' }],
  },
  {
    id: 'glue-job',
    service: 'glue.amazonaws.com',
    summary: 'create or update a Glue job that runs as the role, and start it',
    ways: [
      { steps: [['glue:CreateJob', glueJob], ['glue:StartJobRun', glueJob]] },
      { steps: [['glue:UpdateJob', glueJob], ['glue:StartJobRun', glueJob]], assumes: 'a Glue job' },
    ],
  },
  {
    id: 'autoscaling-launch',
    service: 'ec2.amazonaws.com',
    summary: "create an Auto Scaling group whose launch configuration or template starts instances with the role's instance profile",
    instanceProfile: true,
    ways: [
      { steps: [['autoscaling:CreateLaunchConfiguration', launchConfig], ['autoscaling:CreateAutoScalingGroup', asg]] },
      { steps: [['ec2:CreateLaunchTemplate', arn('ec2', 'launch-template/*')], ['autoscaling:CreateAutoScalingGroup', asg]] },
    ],
  },
  {
    id: 'datapipeline',
    service: 'datapipeline.amazonaws.com',
    summary: 'create and activate a Data Pipeline that runs as the role',
    ways: [{ steps: [['datapipeline:CreatePipeline', any], ['datapipeline:PutPipelineDefinition', any], ['datapipeline:ActivatePipeline', any]] }],
  },
  {
    id: 'apprunner-service',
    service: 'tasks.apprunner.amazonaws.com',
    summary: 'create an App Runner service with the role as instance role',
    ways: [{ steps: [['apprunner:CreateService', arn('apprunner', `service/${PLACEHOLDER}/*`)]] }],
  },
];

const passedToKeys = new Map<string, Readonly<Record<string, string>>>();

/** The keys of passing a role to `service`: one object per service, so decisions cache by it. */
function passedTo(service: string): Readonly<Record<string, string>> {
  let keys = passedToKeys.get(service);
  if (keys === undefined) passedToKeys.set(service, (keys = { 'iam:PassedToService': service }));
  return keys;
}

function variantsOf(row: Row, target: PrincipalModel): Variant[] {
  const account = target.account;
  const out: Variant[] = [];
  const profiles = row.instanceProfile === true ? target.instanceProfiles : [];
  for (const way of row.ways) {
    const pass: Requirement[] = way.passRole === false ? [] : [{ action: 'iam:PassRole', resource: target.arn, keys: passedTo(row.service) }];
    const steps: Requirement[] = way.steps.map(([action, resource]) => sharedRequirement(action, resource(account)));
    const extra = way.assumes === undefined ? {} : { assumes: way.assumes };
    if (row.instanceProfile !== true) {
      out.push({ requests: [...pass, ...steps], service: row.service, ...extra });
      continue;
    }
    for (const profile of profiles) out.push({ requests: [...pass, ...steps], service: row.service, via: profile, ...extra });
    if (profiles.length === 0 && way.passRole !== false) {
      // No instance profile holds the role: the source must make one.
      const newProfile = `arn:aws:iam::${account}:instance-profile/${PLACEHOLDER}`;
      out.push({
        requests: [
          sharedRequirement('iam:CreateInstanceProfile', newProfile),
          sharedRequirement('iam:AddRoleToInstanceProfile', newProfile),
          ...pass,
          ...steps,
        ],
        service: row.service,
        via: newProfile,
        ...extra,
      });
    }
  }
  return out;
}

export const PASS_ROLE_TECHNIQUES: readonly Technique[] = ROWS.map((row) => {
  // The ways depend only on the target: built once per role.
  const cache = new WeakMap<PrincipalModel, Variant[]>();
  return {
    id: row.id,
    family: 'pass-role',
    summary: row.summary,
    target: 'role',
    sameAccount: true,
    service: row.service,
    // Every way passes the role (iam:PassRole on it): only roles the source may pass are tried.
    ...(row.ways.every((w) => w.passRole !== false) ? { targetAction: 'iam:PassRole' } : {}),
    gate: row.ways.map((w) => [...(w.passRole === false ? [] : ['iam:PassRole']), ...w.steps.map(([action]) => action)]),
    variants: (_s, t) => {
      let v = cache.get(t);
      if (v === undefined) cache.set(t, (v = variantsOf(row, t)));
      return v;
    },
  };
});
