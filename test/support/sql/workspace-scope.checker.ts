import { loadModule, parseSync } from 'libpg-query';
import { CROSS_WORKSPACE_QUERIES, CROSS_WORKSPACE_TAG } from '@app/core';

// Which tables a workspace owns rows of, and the column that names the workspace: every table
// with a workspace_id column, and the workspaces table itself (its id).
export type OwnedTables = ReadonlyMap<string, string>;

export interface ScopeViolation {
  table: string;
  alias: string;
}

type Node = Record<string, unknown>;

interface Relation {
  table: string;
  alias: string;
  key: string;
}

export async function loadSqlParser(): Promise<void> {
  await loadModule();
}

// The relations of workspace-owned tables that a statement reads, updates or deletes without
// `<alias>.<workspace column> = $1` in the WHERE or a JOIN's ON (a top-level AND term), where $1
// is the workspace every scoped statement binds first (Database.forWorkspace, CombinedStatement).
// Another relation's workspace column counts when that relation is itself scoped. An insert that
// names the workspace column must give it $1 in every VALUES row or as that SELECT item (one that
// leaves it out gets a generated id, as a new workspace does, or fails on NOT NULL). A statement
// tagged as one of CROSS_WORKSPACE_QUERIES is allowed as it is.
export function findUnscopedRelations(sql: string, owned: OwnedTables): ScopeViolation[] {
  const tag = CROSS_WORKSPACE_TAG.exec(sql.trimStart());
  if (tag && tag[1] in CROSS_WORKSPACE_QUERIES) return [];
  const tree = parseSync(sql) as { stmts?: Array<{ stmt: Node }> };
  const cteNames = new Set<string>();
  collect(tree, (key, value) => {
    if (key === 'CommonTableExpr') cteNames.add(String((value as Node).ctename));
  });
  const violations: ScopeViolation[] = [];
  const checkLevel = (relations: Relation[], conditions: unknown[]) => {
    const conjuncts = conditions.flatMap(andTerms);
    const scoped = new Set<Relation>();
    for (let changed = true; changed; ) {
      changed = false;
      for (const relation of relations) {
        if (scoped.has(relation)) continue;
        if (conjuncts.some((term) => bindsWorkspace(term, relation, relations, scoped))) {
          scoped.add(relation);
          changed = true;
        }
      }
    }
    for (const relation of relations) if (!scoped.has(relation)) violations.push({ table: relation.table, alias: relation.alias });
  };
  const relationOf = (rangeVar: Node): Relation[] => {
    const table = String(rangeVar.relname);
    const key = owned.get(table);
    if (rangeVar.schemaname === undefined && cteNames.has(table)) return [];
    if (key === undefined) return [];
    const alias = ((rangeVar.alias as Node | undefined)?.aliasname as string | undefined) ?? table;
    return [{ table, alias, key }];
  };
  collect(tree, (key, value) => {
    const node = value as Node;
    // The arms of a UNION/EXCEPT are SelectStmt bodies under larg/rarg (a join's larg/rarg hold
    // wrapped nodes with no FROM list, which add nothing here).
    if (key === 'SelectStmt' || key === 'larg' || key === 'rarg') {
      const { relations, conditions } = fromItems((node.fromClause as unknown[] | undefined) ?? [], relationOf);
      checkLevel(relations, [node.whereClause, ...conditions]);
    } else if (key === 'InsertStmt') {
      const target = relationOf(node.relation as Node)[0];
      if (target && !insertsWorkspace(node, target.key)) violations.push({ table: target.table, alias: target.alias });
    } else if (key === 'UpdateStmt' || key === 'DeleteStmt') {
      const target = relationOf(node.relation as Node);
      const extra = (key === 'UpdateStmt' ? node.fromClause : node.usingClause) as unknown[] | undefined;
      const { relations, conditions } = fromItems(extra ?? [], relationOf);
      checkLevel([...target, ...relations], [node.whereClause, ...conditions]);
    }
  });
  return violations;
}

function insertsWorkspace(insert: Node, key: string): boolean {
  const columns = ((insert.cols as Node[] | undefined) ?? []).map((col) => (col.ResTarget as Node).name);
  const at = columns.indexOf(key);
  if (at === -1) return true;
  const select = ((insert.selectStmt as Node | undefined)?.SelectStmt as Node | undefined) ?? {};
  const isWorkspace = (value: unknown) => ((stripCast(value) as Node).ParamRef as Node | undefined)?.number === 1;
  if (select.valuesLists) return (select.valuesLists as Node[]).every((row) => isWorkspace(((row.List as Node).items as unknown[])[at]));
  const item = (select.targetList as Node[] | undefined)?.[at];
  return item !== undefined && isWorkspace((item.ResTarget as Node).val);
}

// The relations of a FROM list (through joins) and the ON conditions of its joins.
function fromItems(items: unknown[], relationOf: (rangeVar: Node) => Relation[]): { relations: Relation[]; conditions: unknown[] } {
  const relations: Relation[] = [];
  const conditions: unknown[] = [];
  const visit = (item: unknown) => {
    const node = item as Node;
    if (node.RangeVar) relations.push(...relationOf(node.RangeVar as Node));
    if (node.JoinExpr) {
      const join = node.JoinExpr as Node;
      visit(join.larg);
      visit(join.rarg);
      conditions.push(join.quals);
    }
  };
  items.forEach(visit);
  return { relations, conditions };
}

function andTerms(condition: unknown): unknown[] {
  if (condition === undefined || condition === null) return [];
  const bool = (condition as Node).BoolExpr as Node | undefined;
  if (bool && bool.boolop === 'AND_EXPR') return (bool.args as unknown[]).flatMap(andTerms);
  return [condition];
}

function bindsWorkspace(term: unknown, relation: Relation, relations: Relation[], scoped: Set<Relation>): boolean {
  const expr = (term as Node).A_Expr as Node | undefined;
  if (!expr || expr.kind !== 'AEXPR_OP' || operatorOf(expr) !== '=') return false;
  const sides = [expr.lexpr, expr.rexpr];
  return sides.some((side, i) => {
    if (!refersTo(side, relation, relations)) return false;
    const other = stripCast(sides[1 - i]) as Node;
    if ((other.ParamRef as Node | undefined)?.number === 1) return true;
    return relations.some((candidate) => candidate !== relation && scoped.has(candidate) && refersTo(other, candidate, relations));
  });
}

function refersTo(side: unknown, relation: Relation, relations: Relation[]): boolean {
  const column = (stripCast(side) as Node).ColumnRef as Node | undefined;
  if (!column) return false;
  const names = (column.fields as Node[]).map((field) => (field.String as Node | undefined)?.sval);
  if (names.length === 2) return names[0] === relation.alias && names[1] === relation.key;
  // Unqualified: only when no other relation of the level could own that column.
  return names.length === 1 && names[0] === relation.key && relations.filter((r) => r.key === relation.key).length === 1;
}

function stripCast(node: unknown): unknown {
  const cast = (node as Node).TypeCast as Node | undefined;
  return cast ? stripCast(cast.arg) : node;
}

function operatorOf(expr: Node): string | undefined {
  const names = expr.name as Node[];
  return (names[names.length - 1].String as Node | undefined)?.sval as string | undefined;
}

// Calls visit(key, value) for every keyed object in the tree, depth first.
function collect(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) visit(key, value);
    collect(value, visit);
  }
}
