/**
 * The bodies whose shape depends on the connector or rule type. Each takes the type as a parameter:
 * a type the spec describes gets its own `config`, `secrets` or `params`; any other type (a custom
 * plugin's connector, `.geo-containment`, ML or security rules) gets the generic form, whose
 * `config`, `secrets` and `params` are free objects.
 *
 * @packageDocumentation
 */
import type {
  ConnectorCreateRequest,
  ConnectorExecuteRequest,
  ConnectorRunParamsByType,
  ConnectorUpdateRequest,
  ConnectorUpdateRequestByType,
  CreateOtherConnector,
  CreateOtherRule,
  RuleCreateRequest,
  RuleUpdateRequest,
  RuleUpdateRequestByType,
  UpdateOtherConnector,
  UpdateOtherRule,
} from '../generated/names.js';

/**
 * The entry of `ByType` for `Type` when the spec describes that type, `Other` for a type it does not,
 * and `Any` when no type is named (`Type` is plain `string`).
 */
type OfType<Type extends string, ByType, Other, Any> = string extends Type
  ? Any
  : Type extends keyof ByType
    ? ByType[Type]
    : Other;

/** The connector types the spec describes (`.email`, `.index`, `.webhook`, ...). */
export type ConnectorTypeId = keyof ConnectorUpdateRequestByType;

/** The rule types the spec types `params` for (`.es-query`, `.index-threshold`, ...). */
export type RuleTypeId = keyof RuleUpdateRequestByType;

/**
 * The body of `createConnector` for the connector type `Type`, which the call infers from
 * `connector_type_id`: the type's own `config` and `secrets` for a type the spec describes,
 * `CreateOtherConnector` for any other. Without `Type`, any of the described types.
 */
export type CreateConnectorBody<Type extends string = ConnectorTypeId> = Type extends ConnectorTypeId
  ? Extract<ConnectorCreateRequest, { connector_type_id: Type }>
  : CreateOtherConnector & { connector_type_id: Type };

/**
 * The body of `updateConnector` for a connector of type `Type`: the type's own `config` and
 * `secrets`, `UpdateOtherConnector` for a type the spec does not describe. The body does not say
 * the type, so the call does: `kibana.connectors.update<'.webhook'>(id, body)`. Without `Type`,
 * the body of any type.
 */
export type UpdateConnectorBody<Type extends string = string> = OfType<
  Type,
  ConnectorUpdateRequestByType,
  UpdateOtherConnector,
  ConnectorUpdateRequest
>;

/**
 * The body of `runConnector` for a connector of type `Type`: `params` as that type takes them, a
 * free object for a type the spec does not describe. The call says the type, as
 * `kibana.connectors.run<'.index'>(id, { params: { documents } })`. Without `Type`, any `params`.
 */
export type RunConnectorBody<Type extends string = string> = OfType<
  Type,
  { [Id in ConnectorTypeId]: { params: ConnectorRunParamsByType[Id] } },
  ConnectorExecuteRequest,
  ConnectorExecuteRequest
>;

/**
 * The body of `createRule` for the rule type `Type`, which the call infers from `rule_type_id`: the
 * type's own `params` for a type the spec types, `CreateOtherRule` (free `params`) for any other.
 * Without `Type`, any of the typed rule types.
 */
export type CreateRuleBody<Type extends string = RuleTypeId> = Type extends RuleTypeId
  ? Extract<RuleCreateRequest, { rule_type_id: Type }>
  : CreateOtherRule & { rule_type_id: Type };

/**
 * The body of `updateRule` for a rule of type `Type`: its type's own `params`, or `UpdateOtherRule`
 * (free `params`) for a type the spec does not type. The body does not say the type, so the call
 * does: `kibana.rules.update<'.index-threshold'>(id, body)`. Without `Type`, the body of any type.
 */
export type UpdateRuleBody<Type extends string = string> = OfType<
  Type,
  RuleUpdateRequestByType,
  UpdateOtherRule,
  RuleUpdateRequest
>;
