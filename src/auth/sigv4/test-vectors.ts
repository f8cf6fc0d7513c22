// Published SigV4 test vectors (AWS Signature Version 4 test suite, key AKIDEXAMPLE,
// 2015-08-30T12:36:00Z), the IAM ListUsers example from the AWS docs, and two
// presigned cases from awslabs/aws-c-auth; transcribed as data for the tests.

export const EXAMPLE_ACCESS_KEY_ID = 'AKIDEXAMPLE';
export const EXAMPLE_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
export const EXAMPLE_DATE = '20150830T123600Z';
export const EXAMPLE_TIME = new Date('2015-08-30T12:36:00Z');
export const EXAMPLE_SESSION_TOKEN = '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267';
const SUITE_STS_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwt' +
  'hAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcH' +
  'NVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

export interface SigV4TestVector {
  readonly name: string;
  readonly service: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly query: string;
    readonly headers: Readonly<Record<string, string | readonly string[]>>;
    readonly body: string;
  };
  readonly signedHeaders: readonly string[];
  /** True when the signature travels in the query string (`X-Amz-Signature`). */
  readonly presigned: boolean;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
}

const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const FORM_BODY_HASH = '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e';
const HOST = 'host:example.amazonaws.com';
const DATE_LINE = `x-amz-date:${EXAMPLE_DATE}`;
const UNRESERVED = '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PRESIGN_QUERY =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request' +
  `&X-Amz-Date=${EXAMPLE_DATE}&X-Amz-SignedHeaders=host&X-Amz-Expires=3600`;

const lines = (...parts: string[]): string => parts.join('\n');
const sts = (hash: string, service = 'service'): string =>
  lines('AWS4-HMAC-SHA256', EXAMPLE_DATE, `20150830/us-east-1/${service}/aws4_request`, hash);

interface Spec {
  name: string;
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string | readonly string[]>;
  body?: string;
  signedHeaders?: string[];
  presigned?: boolean;
  service?: string;
  creq: string;
  hash: string;
  signature: string;
}

/** A GET with only `Host` and `X-Amz-Date` signed: the shape of most suite cases. */
function vector(spec: Spec): SigV4TestVector {
  const service = spec.service ?? 'service';
  return {
    name: spec.name,
    service,
    request: {
      method: spec.method ?? 'GET',
      path: spec.path ?? '/',
      query: spec.query ?? '',
      headers: spec.headers ?? { host: 'example.amazonaws.com', 'x-amz-date': EXAMPLE_DATE },
      body: spec.body ?? '',
    },
    signedHeaders: spec.signedHeaders ?? ['host', 'x-amz-date'],
    presigned: spec.presigned ?? false,
    canonicalRequest: spec.creq,
    stringToSign: sts(spec.hash, service),
    signature: spec.signature,
  };
}

const plainGet = (path: string, query = ''): string =>
  lines('GET', path, query, HOST, DATE_LINE, '', 'host;x-amz-date', EMPTY);

export const SIGV4_TEST_VECTORS: readonly SigV4TestVector[] = [
  vector({ name: 'get-vanilla', creq: plainGet('/'),
    hash: 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' }),
  vector({ name: 'get-vanilla-empty-query-key', query: 'Param1=value1', creq: plainGet('/', 'Param1=value1'),
    hash: '1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab',
    signature: 'a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb' }),
  vector({ name: 'get-vanilla-query-order-key', query: 'Param1=value2&Param1=Value1',
    creq: plainGet('/', 'Param1=Value1&Param1=value2'),
    hash: '704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89',
    signature: 'eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1' }),
  vector({ name: 'get-vanilla-query-order-key-case', query: 'Param2=value2&Param1=value1',
    creq: plainGet('/', 'Param1=value1&Param2=value2'),
    hash: '816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500' }),
  vector({ name: 'get-vanilla-query-order-value', query: 'Param1=value2&Param1=value1',
    creq: plainGet('/', 'Param1=value1&Param1=value2'),
    hash: 'c968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606',
    signature: '5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694' }),
  vector({ name: 'get-vanilla-query-unreserved', query: `${UNRESERVED}=${UNRESERVED}`,
    creq: plainGet('/', `${UNRESERVED}=${UNRESERVED}`),
    hash: 'c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177',
    signature: '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197' }),
  vector({ name: 'get-vanilla-utf8-query', query: 'ሴ=bar', creq: plainGet('/', '%E1%88%B4=bar'),
    hash: 'eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073',
    signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04' }),
  vector({ name: 'get-header-key-duplicate',
    headers: { host: 'example.amazonaws.com', 'my-header1': ['value2', 'value2', 'value1'], 'x-amz-date': EXAMPLE_DATE },
    signedHeaders: ['host', 'my-header1', 'x-amz-date'],
    creq: lines('GET', '/', '', HOST, 'my-header1:value2,value2,value1', DATE_LINE, '', 'host;my-header1;x-amz-date', EMPTY),
    hash: 'dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c',
    signature: 'c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea' }),
  vector({ name: 'get-header-value-order',
    headers: { host: 'example.amazonaws.com', 'my-header1': ['value4', 'value1', 'value3', 'value2'], 'x-amz-date': EXAMPLE_DATE },
    signedHeaders: ['host', 'my-header1', 'x-amz-date'],
    creq: lines('GET', '/', '', HOST, 'my-header1:value4,value1,value3,value2', DATE_LINE, '', 'host;my-header1;x-amz-date', EMPTY),
    hash: '31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86',
    signature: '08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01' }),
  vector({ name: 'get-header-value-trim',
    headers: { host: 'example.amazonaws.com', 'my-header1': ' value1', 'my-header2': ' "a   b   c"', 'x-amz-date': EXAMPLE_DATE },
    signedHeaders: ['host', 'my-header1', 'my-header2', 'x-amz-date'],
    creq: lines('GET', '/', '', HOST, 'my-header1:value1', 'my-header2:"a b c"', DATE_LINE, '',
      'host;my-header1;my-header2;x-amz-date', EMPTY),
    hash: 'a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736' }),
  vector({ name: 'get-unreserved', path: `/${UNRESERVED}`, creq: plainGet(`/${UNRESERVED}`),
    hash: '6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9',
    signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f' }),
  vector({ name: 'get-utf8', path: '/ሴ', creq: plainGet('/%E1%88%B4'),
    hash: '2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102',
    signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85' }),
  vector({ name: 'get-space', path: '/example space/', creq: plainGet('/example%20space/'),
    hash: '63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86',
    signature: '652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741' }),
  ...(['/example/..', '/example1/example2/../..', '//', '/./'] as const).map((path, i) =>
    vector({ name: ['get-relative', 'get-relative-relative', 'get-slash', 'get-slash-dot-slash'][i] ?? path,
      path, creq: plainGet('/'),
      hash: 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
      signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' })),
  vector({ name: 'get-slash-pointless-dot', path: '/./example', creq: plainGet('/example'),
    hash: '214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702',
    signature: 'ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5' }),
  vector({ name: 'get-slashes', path: '//example//', creq: plainGet('/example/'),
    hash: 'cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015',
    signature: '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84' }),
  vector({ name: 'post-vanilla', method: 'POST',
    creq: lines('POST', '/', '', HOST, DATE_LINE, '', 'host;x-amz-date', EMPTY),
    hash: '553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87',
    signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b' }),
  vector({ name: 'post-header-key-sort', method: 'POST',
    headers: { host: 'example.amazonaws.com', 'my-header1': 'value1', 'x-amz-date': EXAMPLE_DATE },
    signedHeaders: ['host', 'my-header1', 'x-amz-date'],
    creq: lines('POST', '/', '', HOST, 'my-header1:value1', DATE_LINE, '', 'host;my-header1;x-amz-date', EMPTY),
    hash: '9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65',
    signature: 'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c' }),
  vector({ name: 'post-header-value-case', method: 'POST',
    headers: { host: 'example.amazonaws.com', 'my-header1': 'VALUE1', 'x-amz-date': EXAMPLE_DATE },
    signedHeaders: ['host', 'my-header1', 'x-amz-date'],
    creq: lines('POST', '/', '', HOST, 'my-header1:VALUE1', DATE_LINE, '', 'host;my-header1;x-amz-date', EMPTY),
    hash: 'd51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93',
    signature: 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d' }),
  vector({ name: 'post-vanilla-query', method: 'POST', query: 'Param1=value1',
    creq: lines('POST', '/', 'Param1=value1', HOST, DATE_LINE, '', 'host;x-amz-date', EMPTY),
    hash: '9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd',
    signature: '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11' }),
  vector({ name: 'post-x-www-form-urlencoded', method: 'POST', body: 'Param1=value1',
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'example.amazonaws.com',
      'x-amz-date': EXAMPLE_DATE, 'content-length': '13' },
    signedHeaders: ['content-type', 'host', 'x-amz-date'],
    creq: lines('POST', '/', '', 'content-type:application/x-www-form-urlencoded', HOST, DATE_LINE, '',
      'content-type;host;x-amz-date', FORM_BODY_HASH),
    hash: '42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a' }),
  vector({ name: 'post-x-www-form-urlencoded-parameters', method: 'POST', body: 'Param1=value1',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf8', host: 'example.amazonaws.com',
      'x-amz-date': EXAMPLE_DATE, 'content-length': '13' },
    signedHeaders: ['content-type', 'host', 'x-amz-date'],
    creq: lines('POST', '/', '', 'content-type:application/x-www-form-urlencoded; charset=utf8', HOST, DATE_LINE, '',
      'content-type;host;x-amz-date', FORM_BODY_HASH),
    hash: '2e1cf7ed91881a30569e46552437e4156c823447bf1781b921b5d486c568dd1c',
    signature: '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe' }),
  vector({ name: 'post-sts-header-before', method: 'POST',
    headers: { host: 'example.amazonaws.com', 'x-amz-date': EXAMPLE_DATE, 'x-amz-security-token': SUITE_STS_TOKEN },
    signedHeaders: ['host', 'x-amz-date', 'x-amz-security-token'],
    creq: lines('POST', '/', '', HOST, DATE_LINE, `x-amz-security-token:${SUITE_STS_TOKEN}`, '',
      'host;x-amz-date;x-amz-security-token', EMPTY),
    hash: 'c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6',
    signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead' }),
  vector({ name: 'post-sts-header-after', method: 'POST',
    headers: { host: 'example.amazonaws.com', 'x-amz-date': EXAMPLE_DATE, 'x-amz-security-token': SUITE_STS_TOKEN },
    creq: lines('POST', '/', '', HOST, DATE_LINE, '', 'host;x-amz-date', EMPTY),
    hash: '553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87',
    signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b' }),
  vector({ name: 'get-vanilla-with-session-token (aws-c-auth)',
    headers: { host: 'example.amazonaws.com', 'x-amz-date': EXAMPLE_DATE, 'x-amz-security-token': EXAMPLE_SESSION_TOKEN },
    signedHeaders: ['host', 'x-amz-date', 'x-amz-security-token'],
    creq: lines('GET', '/', '', HOST, DATE_LINE, `x-amz-security-token:${EXAMPLE_SESSION_TOKEN}`, '',
      'host;x-amz-date;x-amz-security-token', EMPTY),
    hash: '067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b',
    signature: '07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8' }),
  vector({ name: 'iam-list-users (AWS docs)', service: 'iam', query: 'Action=ListUsers&Version=2010-05-08',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: 'iam.amazonaws.com',
      'x-amz-date': EXAMPLE_DATE },
    signedHeaders: ['content-type', 'host', 'x-amz-date'],
    creq: lines('GET', '/', 'Action=ListUsers&Version=2010-05-08',
      'content-type:application/x-www-form-urlencoded; charset=utf-8', 'host:iam.amazonaws.com', DATE_LINE, '',
      'content-type;host;x-amz-date', EMPTY),
    hash: 'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    signature: '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7' }),
  vector({ name: 'get-vanilla-query-unreserved presigned (aws-c-auth)', presigned: true,
    query: `${UNRESERVED}=${UNRESERVED}&${PRESIGN_QUERY}` +
      '&X-Amz-Signature=8e76a88a7433637b12778d5592799b29ad21ecd6cf6325051c21d86f0acda2bf',
    headers: { host: 'example.amazonaws.com' }, signedHeaders: ['host'],
    creq: lines('GET', '/', `${UNRESERVED}=${UNRESERVED}&X-Amz-Algorithm=AWS4-HMAC-SHA256` +
      '&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request' +
      `&X-Amz-Date=${EXAMPLE_DATE}&X-Amz-Expires=3600&X-Amz-SignedHeaders=host`, HOST, '', 'host', EMPTY),
    hash: 'c77f27ef2b499fbfee3f0b3c88bba7057b2b31ee9b62047078a5e0d6be91fd58',
    signature: '8e76a88a7433637b12778d5592799b29ad21ecd6cf6325051c21d86f0acda2bf' }),
  vector({ name: 'get-vanilla-with-session-token presigned (aws-c-auth)', presigned: true,
    query: `${PRESIGN_QUERY}&X-Amz-Security-Token=${EXAMPLE_SESSION_TOKEN}` +
      '&X-Amz-Signature=7ff2b50b376cb4d151970630573d6291dc128cc5c2a12ffb237f73cc53f67b6c',
    headers: { host: 'example.amazonaws.com' }, signedHeaders: ['host'],
    creq: lines('GET', '/', 'X-Amz-Algorithm=AWS4-HMAC-SHA256' +
      '&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request' +
      `&X-Amz-Date=${EXAMPLE_DATE}&X-Amz-Expires=3600&X-Amz-Security-Token=${EXAMPLE_SESSION_TOKEN}` +
      '&X-Amz-SignedHeaders=host', HOST, '', 'host', EMPTY),
    hash: 'cb30434103085aa9e73780fc60dc9a9df818fd2a7b1de12a9f6f4d791f898761',
    signature: '7ff2b50b376cb4d151970630573d6291dc128cc5c2a12ffb237f73cc53f67b6c' }),
];
