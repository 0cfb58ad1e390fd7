/** The oldest TLS a viewer may negotiate with CloudFront (its security policy). */
export enum ViewerTlsVersion {
  /** TLSv1.2_2019: TLS 1.2 and 1.3, including CBC ciphers. */
  TLS_V1_2_2019,
  /** TLSv1.2_2021: TLS 1.2 and 1.3, AEAD ciphers only. */
  TLS_V1_2_2021,
  /** TLSv1.3_2025: TLS 1.3 only. */
  TLS_V1_3_2025,
}
