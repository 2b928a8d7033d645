/// The lines of the BPF's frames, with the cerfa 10443's labels.
extension BPF {
    /// A line of F-1, « Type de stagiaires de l'organisme ».
    public enum Line: String, Sendable, CaseIterable {
        case a, b, c, d, e

        public var french: String {
            switch self {
            case .a: "Salariés d'employeurs privés hors apprentis"
            case .b: "Apprentis"
            case .c: "Personnes en recherche d'emploi formées par votre organisme de formation"
            case .d: "Particuliers à leurs propres frais formés par votre organisme de formation"
            case .e: "Autres stagiaires"
            }
        }
    }

    /// A line of F-3, « Objectif général des prestations dispensées ».
    public enum Objective: String, Sendable, CaseIterable {
        case a, b, c, d, e, f

        public var french: String {
            switch self {
            case .a:
                "Formations visant un diplôme, un titre à finalité professionnelle ou un certificat de qualification professionnelle enregistré au Répertoire national des certifications professionnelles (RNCP)"
            case .b: "Formations visant une certification (dont CQP) ou une habilitation enregistrée au répertoire spécifique (RS)"
            case .c: "Formations visant un CQP non enregistré au RNCP ou au RS"
            case .d: "Autres formations professionnelles"
            case .e: "Bilans de compétences"
            case .f: "Actions d'accompagnement à la validation des acquis de l'expérience"
            }
        }
    }

    /// A line of C, « Origine des produits de l'organisme »: 1, 2 a–h, 3 to 11.
    public enum PayerLine: String, Sendable, CaseIterable {
        case c1, c2a, c2b, c2c, c2d, c2e, c2f, c2g, c2h, c3, c4, c5, c6, c7, c8, c9, c10, c11

        /// The number as the cerfa prints it: « 1 », « 2 a », « 11 ».
        public var number: String {
            let n = rawValue.dropFirst()
            guard let letter = n.last, letter.isLetter else { return String(n) }
            return "\(n.dropLast()) \(letter)"
        }

        public var french: String {
            switch self {
            case .c1: "Des entreprises pour la formation de leurs salariés"
            case .c2a: "des contrats d'apprentissage"
            case .c2b: "des contrats de professionnalisation"
            case .c2c: "de la promotion ou de la reconversion par alternance"
            case .c2d: "des projets de transition professionnelle"
            case .c2e: "du compte personnel de formation"
            case .c2f: "des dispositifs spécifiques pour les personnes en recherche d'emploi"
            case .c2g: "des dispositifs spécifiques pour les travailleurs non-salariés"
            case .c2h: "du plan de développement des compétences ou d'autres dispositifs"
            case .c3:
                "Des pouvoirs publics pour la formation de leurs agents (État, collectivités territoriales, établissements publics à caractère administratif)"
            case .c4: "Instances européennes"
            case .c5: "État"
            case .c6: "Conseils régionaux"
            case .c7: "Pôle emploi"
            case .c8: "Autres ressources publiques"
            case .c9: "De contrats conclus avec des personnes à titre individuel et à leurs frais"
            case .c10: "De contrats conclus avec d'autres organismes de formation (y compris CFA)"
            case .c11: "Autres produits au titre de la formation professionnelle"
            }
        }

        /// A line of the « organismes gestionnaires des fonds de la formation » (2 a–h).
        public var isFund: Bool { rawValue.hasPrefix("c2") }
        /// A line of the « pouvoirs publics pour la formation de publics spécifiques » (4–8).
        public var isPublicFor: Bool { [.c4, .c5, .c6, .c7, .c8].contains(self) }
    }
}
