// The shape every language's words must have: the English catalog's keys, each with a string. A translation that
// misses a key or has one English lacks fails `npm run typecheck`. Plural forms are the exception: English needs
// `_one` and `_other`, Chinese only `_other` (i18next picks the form with Intl.PluralRules), so `_one` and the
// other CLDR forms are optional.
type PluralForm = `${string}_${'zero' | 'one' | 'two' | 'few' | 'many'}`

export type Catalog<T> = {
  -readonly [K in keyof T as K extends PluralForm ? never : K]: T[K] extends string ? string : Catalog<T[K]>
} & {
  -readonly [K in keyof T as K extends PluralForm ? K : never]?: string
}
