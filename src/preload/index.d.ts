export interface WindowApi {
  readonly appName: string
}
