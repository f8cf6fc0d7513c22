// Repositories for the authorization API (src/authorize/): service definitions, global to the
// installation (a prefix means one service in every account's policies), each owned by the
// account that created it.

/** A stored definition; `document` is the checked definition as JSON text (authorize/definition/). */
export interface StoredServiceDefinition {
  /** The service prefix, lower case. */
  readonly prefix: string;
  readonly signingName: string;
  readonly accountId: string;
  readonly document: string;
  readonly createDate: Date;
  readonly updateDate: Date;
}

export interface ServiceDefinitionRepository {
  get(prefix: string): Promise<StoredServiceDefinition | undefined>;
  /** Throws EntityAlreadyExistsError('service-definition') when the prefix or the signing name is taken. */
  insert(definition: StoredServiceDefinition): Promise<void>;
  /** Rewrites the document, signing name and update date; false when absent. Signing name clashes throw as insert. */
  update(definition: StoredServiceDefinition): Promise<boolean>;
  delete(prefix: string): Promise<boolean>;
  /** Every definition, by prefix. */
  list(): Promise<readonly StoredServiceDefinition[]>;
}
