// Test support: a small hand-made model exercising what IAM and STS inputs never
// use (maps, flattened lists, locationName, xmlNamespace, blobs, floats).
import type { ServiceModel } from './service-model.js';

export const testModel: ServiceModel = {
  metadata: {
    apiVersion: '2020-01-01',
    xmlNamespace: 'https://example.com/doc/2020-01-01/',
    serviceId: 'Test',
    endpointPrefix: 'test',
    protocol: 'query',
  },
  operations: {
    Put: { name: 'Put', httpMethod: 'POST', input: 'PutRequest', output: 'PutResponse', resultWrapper: 'PutResult', errors: [] },
    Ping: { name: 'Ping', httpMethod: 'POST', errors: [] },
  },
  shapes: {
    PutRequest: {
      type: 'structure',
      members: {
        Attributes: { shape: 'AttributeMap' },
        Flat: { shape: 'FlatList' },
        Renamed: { shape: 'String', locationName: 'Other' },
        Named: { shape: 'NamedList' },
        When: { shape: 'Timestamp' },
        Data: { shape: 'Blob' },
        Ratio: { shape: 'Double' },
        Count: { shape: 'Long' },
      },
    },
    PutResponse: {
      type: 'structure',
      members: {
        Attributes: { shape: 'AttributeMap' },
        FlatMap: { shape: 'FlatMap' },
        Flat: { shape: 'FlatList' },
        Named: { shape: 'NamedList' },
        Spaced: { shape: 'String', xmlNamespace: 'https://example.com/other' },
        When: { shape: 'Timestamp' },
        Data: { shape: 'Blob' },
        Ok: { shape: 'Boolean' },
      },
    },
    AttributeMap: { type: 'map', key: { shape: 'String' }, value: { shape: 'String' } },
    FlatMap: { type: 'map', key: { shape: 'String', locationName: 'Name' }, value: { shape: 'String', locationName: 'Val' }, flattened: true },
    FlatList: { type: 'list', member: { shape: 'String' }, flattened: true },
    NamedList: { type: 'list', member: { shape: 'String', locationName: 'Item' } },
    String: { type: 'string' },
    Timestamp: { type: 'timestamp' },
    Blob: { type: 'blob' },
    Double: { type: 'double' },
    Long: { type: 'long' },
    Boolean: { type: 'boolean' },
  },
};
